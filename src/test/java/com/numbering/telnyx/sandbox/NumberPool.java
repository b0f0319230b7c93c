package com.numbering.telnyx.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.numbering.nanp.AreaCode;
import com.numbering.nanp.NanpDirectory;

/**
 * The numbers Telnyx has for sale, per NPA, generated on first use by {@link NumberGenerator}; what has been sold
 * (to us or to someone else), what is on hold after a release, and what searches have returned. Callers hold the
 * simulator lock.
 */
final class NumberPool {

    static final List<String> TOLL_FREE_NPAS = List.of("800", "833", "844", "855", "866", "877", "888");

    private final NumberGenerator generator;

    private final NanpDirectory nanp;

    private final Map<String, Integer> counts;

    private final int defaultCount;

    private final Map<String, Map<String, AvailableNumber>> pools = new HashMap<>();

    /** Sold to us or to someone else: never offered again. */
    private final Set<String> taken = new HashSet<>();

    /** Released by us and on hold for recycling: offered unless {@code exclude_held_numbers}. */
    private final Map<String, AvailableNumber> held = new TreeMap<>();

    private final Set<String> searched = new HashSet<>();

    NumberPool(long seed, NanpDirectory nanp, Map<String, Integer> counts, int defaultCount) {
        this.generator = new NumberGenerator(seed);
        this.nanp = nanp;
        this.counts = new HashMap<>(counts);
        this.defaultCount = defaultCount;
    }

    /** Numbers of one NPA still for sale, ascending; held numbers first, as recycling tends to offer them. */
    List<AvailableNumber> available(String npa) {
        List<AvailableNumber> available = new ArrayList<>();
        this.held.values().stream().filter(n -> n.npa().equals(npa)).forEach(available::add);
        pool(npa).values()
            .stream()
            .filter(n -> !this.taken.contains(n.phoneNumber()) && !this.held.containsKey(n.phoneNumber()))
            .forEach(available::add);
        return available;
    }

    boolean isAvailable(String e164) {
        if (this.taken.contains(e164) || e164.length() != 12) {
            return false;
        }
        return this.held.containsKey(e164) || pool(e164.substring(2, 5)).containsKey(e164);
    }

    boolean isHeld(String e164) {
        return this.held.containsKey(e164);
    }

    void take(String e164) {
        this.taken.add(e164);
        this.held.remove(e164);
    }

    void hold(String e164) {
        this.taken.remove(e164);
        this.held.put(e164, describe(e164));
    }

    /** Sets how many numbers of the NPA are for sale from now on (numbers already sold stay sold). */
    void setCount(String npa, int count) {
        this.counts.put(npa, count);
        this.pools.put(npa, this.generator.generate(npa, count, regionOf(npa), this.taken));
        this.held.values().removeIf(n -> n.npa().equals(npa));
    }

    void markSearched(Collection<AvailableNumber> numbers) {
        numbers.forEach(n -> this.searched.add(n.phoneNumber()));
    }

    boolean wasSearched(String e164) {
        return this.searched.contains(e164);
    }

    String regionOf(String npa) {
        return this.nanp.lookup(npa).map(AreaCode::region).filter(r -> !r.isEmpty()).orElse(null);
    }

    /** Geographic US NPAs of a state, ascending. */
    List<String> npasIn(String region) {
        return this.nanp.geographicCodesIn(region).stream().filter(AreaCode::isUnitedStates).map(AreaCode::npa)
            .toList();
    }

    List<String> overlaysOf(String npa) {
        return this.nanp.lookup(npa).map(AreaCode::overlays).orElse(List.of());
    }

    /** Every NPA with numbers for sale: geographic US codes ascending, then toll-free codes. */
    Set<String> allNpas() {
        Set<String> npas = new LinkedHashSet<>();
        this.nanp.usGeographicCodes().forEach(code -> npas.add(code.npa()));
        npas.addAll(TOLL_FREE_NPAS);
        this.counts.keySet().stream().sorted().forEach(npas::add);
        return npas;
    }

    /** What a number looks like in search results, whether or not it is for sale. */
    AvailableNumber describe(String e164) {
        String npa = e164.substring(2, 5);
        AvailableNumber generated = pool(npa).get(e164);
        if (generated != null) {
            return generated;
        }
        if (TOLL_FREE_NPAS.contains(npa)) {
            return new AvailableNumber(e164, npa, "toll_free", null, null, List.of("sms", "mms", "voice"));
        }
        return new AvailableNumber(e164, npa, "local", regionOf(npa),
                NumberGenerator.rateCenter(npa, e164.substring(5, 6)), List.of("sms", "mms", "voice", "emergency"));
    }

    private Map<String, AvailableNumber> pool(String npa) {
        return this.pools.computeIfAbsent(npa,
                key -> this.generator.generate(key, countFor(key), regionOf(key), this.taken));
    }

    private int countFor(String npa) {
        boolean sells = TOLL_FREE_NPAS.contains(npa) || this.nanp.isUsGeographic(npa);
        return this.counts.getOrDefault(npa, sells ? this.defaultCount : 0);
    }


}
