package com.numbering.alerts;

import java.util.concurrent.TimeUnit;

/**
 * Spaces sends evenly at the shared number's throughput, across every worker: carriers count per number, and a
 * burst above the campaign's rate is queued by Telnyx (and, past its queue, refused with 40318).
 */
final class SendPacer {

    private final long intervalNanos;

    private long nextSlot = System.nanoTime();

    SendPacer(double messagesPerSecond) {
        this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / messagesPerSecond);
    }

    void awaitSlot() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(this.nextSlot, now);
            this.nextSlot = slot + this.intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

}
