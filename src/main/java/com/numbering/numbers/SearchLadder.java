package com.numbering.numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import com.numbering.nanp.AreaCode;
import com.numbering.nanp.NanpDirectory;
import com.numbering.numbers.AreaCodeResolver.Origin;
import com.numbering.telnyx.TelnyxGateway.AvailableNumber;
import com.numbering.telnyx.TelnyxGateway.NumberSearch;

/**
 * The searches to try for one origin, best first: exact area code, its overlays, the same state, any US local
 * number. Each rung carries the client-side check its results must pass, because Telnyx silently ignores filters
 * it does not understand and may add best-effort results from elsewhere.
 */
public final class SearchLadder {

    /** The 50 states and DC: "any US local number" never means a territory's. */
    private static final Set<String> STATES = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA",
            "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV",
            "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA",
            "WA", "WV", "WI", "WY");

    private final NanpDirectory nanp;

    SearchLadder(NanpDirectory nanp) {
        this.nanp = nanp;
    }

    /** @param feature what every number must be able to do: {@code voice} (tenants) or {@code sms} (shared number) */
    public List<Rung> rungs(Origin origin, String feature) {
        List<String> features = List.of(feature);
        List<Rung> rungs = new ArrayList<>();
        AreaCode own = origin.areaCode();
        if (own != null) {
            rungs.add(new Rung(Tier.EXACT, "npa:" + own.npa(), own.npa(), null, features,
                    n -> hasAreaCode(n, own.npa())));
            for (String overlay : own.overlays()) {
                if (this.nanp.isUsGeographic(overlay)) {
                    rungs.add(new Rung(Tier.OVERLAY, "npa:" + overlay, overlay, null, features,
                            n -> hasAreaCode(n, overlay)));
                }
            }
        }
        String state = origin.state();
        if (state != null && !state.isEmpty()) {
            rungs.add(new Rung(Tier.STATE, "state:" + state, null, state, features, n -> inRegion(n, state)));
        }
        rungs.add(new Rung(Tier.ANY, "any", null, null, features, n -> inRegion(n, null)));
        return rungs;
    }

    private static boolean hasAreaCode(String e164, String npa) {
        return e164.length() == 12 && e164.startsWith("+1" + npa);
    }

    private boolean inRegion(String e164, String region) {
        if (e164.length() != 12 || !e164.startsWith("+1")) {
            return false;
        }
        return this.nanp.lookup(e164.substring(2, 5))
            .filter(AreaCode::geographic)
            .filter(AreaCode::isUnitedStates)
            .filter(code -> region == null ? STATES.contains(code.region()) : region.equals(code.region()))
            .isPresent();
    }

    /**
     * One search of the ladder.
     *
     * @param key identifies the search, so that tenants of one batch with the same rung share its results
     */
    public record Rung(Tier tier, String key, String areaCode, String state, List<String> features,
            Predicate<String> inArea) {

        NumberSearch search(int limit) {
            return new NumberSearch(this.areaCode, this.state, this.features, limit);
        }

        /** Exact matches of this rung only: never best effort, never toll-free, voice-capable. */
        public boolean accepts(AvailableNumber candidate) {
            boolean capable = candidate.features().isEmpty() || candidate.features().containsAll(this.features);
            return !candidate.bestEffort() && capable && this.inArea.test(candidate.phoneNumber());
        }

    }

}
