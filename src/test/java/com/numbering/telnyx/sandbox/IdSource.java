package com.numbering.telnyx.sandbox;

import java.util.Random;
import java.util.UUID;

/**
 * Ids derived from the seed. Phone-number ids are numeric strings of 19 digits that grow with every purchase, so
 * string order is creation order; order, message and profile ids are version-4 UUIDs (the SDK parses them as
 * {@link UUID}). Callers hold the simulator lock.
 */
final class IdSource {

    private final Random random;

    private long nextNumeric = 1_293_384_261_075_731_499L;

    IdSource(long seed) {
        this.random = new Random(seed ^ 0x7E1A_5EEDL);
    }

    String uuid() {
        long most = (this.random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (this.random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least).toString();
    }

    String numeric() {
        this.nextNumeric += 1 + this.random.nextInt(1_000_000);
        return Long.toString(this.nextNumeric);
    }

    /** Random alphanumerics, for secrets that only need to look plausible. */
    String token(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
        }
        return token.toString();
    }

}
