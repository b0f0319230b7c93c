package com.numbering.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Lets callers of every thread go evenly spaced at a rate, and lets one of them pause all the others: the Telnyx
 * request budget (a 429's {@code x-ratelimit-reset} pauses everyone, not just the caller that saw it) and the shared
 * SMS number's throughput. Even spacing rather than bursts is what keeps us under a limit we cannot see.
 */
public final class EvenPacer {

    private final long intervalNanos;

    private final LongSupplier nanoClock;

    private long nextSlot;

    private long pausedUntil;

    public EvenPacer(double perSecond) {
        this(perSecond, System::nanoTime);
    }

    EvenPacer(double perSecond, LongSupplier nanoClock) {
        this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        this.nanoClock = nanoClock;
        this.nextSlot = nanoClock.getAsLong();
        this.pausedUntil = this.nextSlot;
    }

    /** Blocks until this caller may go. */
    public void acquire() throws InterruptedException {
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

    /** "Not before {@code delay}": nobody goes until then. */
    public synchronized void pause(Duration delay) {
        long until = this.nanoClock.getAsLong() + delay.toNanos();
        this.pausedUntil = Math.max(this.pausedUntil, until);
    }

}
