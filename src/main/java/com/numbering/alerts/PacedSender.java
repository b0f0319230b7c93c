package com.numbering.alerts;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.springframework.stereotype.Component;

import com.numbering.alerts.AlertRules.Message;
import com.numbering.alerts.SendWindow.Slot;
import com.numbering.telnyx.TelnyxGateway;

/**
 * Sends one alert in its turn. The slot is reserved in the shared send window only when the alert is ready to go,
 * {@code sending} is committed, and the request leaves at the slot: a slot is never taken early and spent late.
 * The first send of a run goes alone and the window restarts after its answer, so that a cold start (class loading,
 * a new connection) cannot bunch the first messages together.
 */
@Component
class PacedSender {

    private final SendWindow window;

    private final AlertRepository alerts;

    private final AlertSendOnce sendOnce;

    private final AlertsProperties properties;

    private final TelnyxGateway telnyx;

    PacedSender(SendWindow window, AlertRepository alerts, AlertSendOnce sendOnce, AlertsProperties properties,
            TelnyxGateway telnyx) {
        this.window = window;
        this.alerts = alerts;
        this.sendOnce = sendOnce;
        this.properties = properties;
        this.telnyx = telnyx;
    }

    Run startRun(String sender, String dispatcher, BooleanSupplier stopping) {
        return new Run(sender, dispatcher, interval(), stopping);
    }

    /**
     * 1/N plus the pacing margin: the margin absorbs what happens between our send and Telnyx's arrival time (thread
     * scheduling, the network), so that the number is never seen sending faster than N.
     */
    Duration interval() {
        return Duration.ofNanos((long) (TimeUnit.SECONDS.toNanos(1) / this.properties.messagesPerSecond()))
            .plus(this.properties.pacingMargin());
    }

    AlertOutcome send(Alert alert, Message message, Run run) throws InterruptedException {
        boolean first = run.firstTaken.compareAndSet(false, true);
        if (!first) {
            run.firstAnswered.await();
        }
        try {
            // The account's request budget (shared with every job) first: its wait, a database round trip at least,
            // must not fall between the number's slot and the send, where it would bunch two processes' messages.
            this.telnyx.awaitAlertTurn();
            Optional<Slot> slot = this.window.reserve(run.sender, message.segments().segments(),
                    this.properties.dailySegmentBudget(), interval());
            if (slot.isEmpty()) {
                this.alerts.retryAt(alert, this.alerts.startOfTomorrow(), null, "daily segment budget used up");
                return AlertOutcome.HELD;
            }
            if (!this.alerts.markSending(alert, run.dispatcher, message.segments())) {
                return AlertOutcome.SKIPPED;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(slot.get().waitFromNow().toNanos());
                run.gate.pass();
            }
            catch (InterruptedException stop) {
                giveBack(alert, run, slot.get());
                throw stop;
            }
            if (run.stopping()) {
                giveBack(alert, run, slot.get());
                return AlertOutcome.RETRY;
            }
            return this.sendOnce.send(alert, run.sender, message.text(), slot.get());
        }
        finally {
            if (first) {
                this.window.pushBack(run.sender, interval());
                run.firstAnswered.countDown();
            }
        }
    }

    /** Stopped before the request left: nothing was sent, so the alert and its segments go back. */
    private void giveBack(Alert alert, Run run, Slot slot) {
        this.alerts.putBack(alert, "stopped before sending");
        this.window.refund(run.sender, slot);
    }

    /**
     * The last word inside one process: a worker that woke late for its slot pushes the next one back, so two
     * sends of this process never leave closer than the interval, whatever the scheduler did to either thread.
     */
    static final class Gate {

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

    /** One dispatcher run's sends from one number. */
    static final class Run {

        private final String sender;

        private final String dispatcher;

        private final AtomicBoolean firstTaken = new AtomicBoolean();

        private final CountDownLatch firstAnswered = new CountDownLatch(1);

        private final Gate gate;

        private final BooleanSupplier stopping;

        private Run(String sender, String dispatcher, Duration interval, BooleanSupplier stopping) {
            this.sender = sender;
            this.dispatcher = dispatcher;
            this.gate = new Gate(interval.toNanos());
            this.stopping = stopping;
        }

        boolean stopping() {
            return this.stopping.getAsBoolean();
        }

        String dispatcher() {
            return this.dispatcher;
        }

    }

}
