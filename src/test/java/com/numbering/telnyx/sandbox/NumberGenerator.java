package com.numbering.telnyx.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Invents an NPA's numbers from the seed and the NPA alone, so the numbers that exist never depend on the order
 * of requests: {@code +1}, the NPA, an NXX starting 2–9 (never N11 or 555) and four digits, unique, ascending.
 */
final class NumberGenerator {

    private final long seed;

    NumberGenerator(long seed) {
        this.seed = seed;
    }

    /**
     * @param region the NPA's state, null for toll-free
     * @param taken numbers already sold, skipped so that the NPA really offers {@code count} numbers
     */
    Map<String, AvailableNumber> generate(String npa, int count, String region, Set<String> taken) {
        Map<String, AvailableNumber> numbers = new TreeMap<>();
        if (!npa.matches("\\d{3}")) {
            return numbers;
        }
        Random random = new Random(this.seed * 1_000_003L + Integer.parseInt(npa));
        boolean tollFree = NumberPool.TOLL_FREE_NPAS.contains(npa);
        for (int attempt = 0; numbers.size() < count && attempt < 20 * count + 1_000; attempt++) {
            int nxx = 200 + random.nextInt(800);
            String e164 = "+1" + npa + nxx + String.format("%04d", random.nextInt(10_000));
            List<String> features = tollFree ? List.of("sms", "mms", "voice") : localFeatures(random);
            if (nxx % 100 == 11 || nxx == 555 || taken.contains(e164) || numbers.containsKey(e164)) {
                continue;
            }
            numbers.put(e164, tollFree ? new AvailableNumber(e164, npa, "toll_free", null, null, features)
                    : new AvailableNumber(e164, npa, "local", region, rateCenter(npa, String.valueOf(nxx / 100)),
                            features));
        }
        return numbers;
    }

    /** Synthetic: NANPA's area-code data names no rate centres. */
    static String rateCenter(String npa, String zone) {
        return "SIM " + npa + " ZONE " + zone;
    }

    /** Most local numbers can do everything; some lack MMS or E911 so that feature filters matter. */
    private static List<String> localFeatures(Random random) {
        List<String> features = new ArrayList<>(List.of("sms"));
        if (random.nextInt(10) < 8) {
            features.add("mms");
        }
        features.add("voice");
        if (random.nextInt(10) < 3) {
            features.add("fax");
        }
        if (random.nextInt(10) < 9) {
            features.add("emergency");
        }
        return features;
    }

}
