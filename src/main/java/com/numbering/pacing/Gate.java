package com.numbering.pacing;

import java.util.concurrent.TimeUnit;

/**
 * The last word inside one process: a worker that woke late for its slot pushes the next one back, so two sends of
 * this process never leave closer than the interval, whatever the scheduler did to either thread.
 */
final class Gate {

    private final long intervalNanos;

    private long lastPassed = Long.MIN_VALUE / 2;

    Gate(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** Sleeps inside the lock on purpose: sends pass one at a time. */
    synchronized void pass() throws InterruptedException {
        long early = this.lastPassed + this.intervalNanos - System.nanoTime();
        if (early > 0) {
            TimeUnit.NANOSECONDS.sleep(early);
        }
        this.lastPassed = System.nanoTime();
    }

}
