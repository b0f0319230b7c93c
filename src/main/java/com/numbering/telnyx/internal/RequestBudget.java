package com.numbering.telnyx.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Client-side request budget shared by every thread that calls Telnyx: requests leave evenly spaced at
 * {@code requestsPerSecond}, and a 429's {@code x-ratelimit-reset} pauses everyone, not just the caller that saw it.
 * Even spacing (rather than bursts) is what keeps us under a server-side window we cannot see.
 */
final class RequestBudget {

    private final long intervalNanos;

    private final LongSupplier nanoClock;

    private long nextSlot;

    private long pausedUntil;

    RequestBudget(double requestsPerSecond) {
        this(requestsPerSecond, System::nanoTime);
    }

    RequestBudget(double requestsPerSecond, LongSupplier nanoClock) {
        this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / requestsPerSecond);
        this.nanoClock = nanoClock;
        this.nextSlot = nanoClock.getAsLong();
        this.pausedUntil = this.nextSlot;
    }

    /** Blocks until this caller may send one request. */
    void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Reserves the next free slot and returns how long to wait for it, in nanoseconds. */
    synchronized long reserve() {
        long now = this.nanoClock.getAsLong();
        long slot = Math.max(Math.max(this.nextSlot, now), this.pausedUntil);
        this.nextSlot = slot + this.intervalNanos;
        return slot - now;
    }

    /** Telnyx said "not before {@code delay}": nobody sends until then. */
    synchronized void pause(Duration delay) {
        long until = this.nanoClock.getAsLong() + delay.toNanos();
        this.pausedUntil = Math.max(this.pausedUntil, until);
    }

}
