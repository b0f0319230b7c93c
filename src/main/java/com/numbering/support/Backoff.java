package com.numbering.support;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The one backoff rule: the first wait, doubled after each further failure, never above a ceiling. */
public final class Backoff {

    private Backoff() {
    }

    /** {@code base × 2^(failures−1)}, at most {@code max}. */
    public static Duration exponential(Duration base, Duration max, int failures) {
        long factor = 1L << Math.min(Math.max(failures - 1, 0), 20);
        Duration wait = base.multipliedBy(factor);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** {@link #exponential} with jitter over its upper half, so that many retries do not arrive together. */
    public static Duration jittered(Duration base, Duration max, int failures) {
        long capped = exponential(base, max, failures).toMillis();
        long jitter = capped > 1 ? ThreadLocalRandom.current().nextLong(capped / 2 + 1) : 0;
        return Duration.ofMillis(capped / 2 + jitter);
    }

}
