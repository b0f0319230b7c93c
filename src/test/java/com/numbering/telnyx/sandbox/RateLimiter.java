package com.numbering.telnyx.sandbox;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code capacity} tokens, refilled at {@code ratePerSecond}; each authenticated request takes one.
 * <p>
 * Header semantics (Telnyx documents the names, not the exact arithmetic): {@code x-ratelimit-limit} is the bucket
 * capacity, {@code x-ratelimit-remaining} the whole tokens left after this request, and {@code x-ratelimit-reset}
 * the whole seconds, rounded up, until the next request would be admitted: 0 while a token is left, at least 1
 * whenever {@code remaining} is 0 and on every 429. With no limit the headers say capacity/capacity/0.
 */
final class RateLimiter {

    record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {
    }

    private final int capacity;

    private final LongSupplier nanoTime;

    private double ratePerSecond;

    private double tokens;

    private long lastRefill;

    RateLimiter(double ratePerSecond, int capacity, LongSupplier nanoTime) {
        this.capacity = capacity;
        this.nanoTime = nanoTime;
        this.ratePerSecond = ratePerSecond;
        this.tokens = capacity;
        this.lastRefill = nanoTime.getAsLong();
    }

    synchronized Decision acquire() {
        refill();
        if (unlimited()) {
            return new Decision(true, this.capacity, this.capacity, 0);
        }
        boolean allowed = this.tokens >= 1;
        if (allowed) {
            this.tokens -= 1;
        }
        return decision(allowed);
    }

    /** The headers for an answer that takes no token (authentication failures). */
    synchronized Decision peek() {
        refill();
        return unlimited() ? new Decision(true, this.capacity, this.capacity, 0) : decision(true);
    }

    synchronized void setRatePerSecond(double ratePerSecond) {
        refill();
        if (unlimited()) {
            this.tokens = this.capacity;
        }
        this.ratePerSecond = ratePerSecond;
    }

    private Decision decision(boolean allowed) {
        int remaining = (int) Math.floor(this.tokens);
        long reset = (this.tokens >= 1) ? 0 : Math.max(1, (long) Math.ceil((1 - this.tokens) / this.ratePerSecond));
        return new Decision(allowed, this.capacity, remaining, reset);
    }

    private void refill() {
        long now = this.nanoTime.getAsLong();
        if (!unlimited()) {
            this.tokens = Math.min(this.capacity, this.tokens + (now - this.lastRefill) / 1e9 * this.ratePerSecond);
        }
        this.lastRefill = now;
    }

    private boolean unlimited() {
        return this.ratePerSecond <= 0;
    }

}
