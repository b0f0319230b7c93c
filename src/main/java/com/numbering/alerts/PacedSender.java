package com.numbering.alerts;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.springframework.stereotype.Component;

import com.numbering.alerts.AlertRules.Message;
import com.numbering.pacing.NumberPacing;
import com.numbering.pacing.SendSlot;

/**
 * Sends one alert in its turn ({@link NumberPacing}). The account turn is taken and the slot reserved in the shared
 * send window only when the alert is ready to go, {@code sending} is committed, and the request leaves at the slot:
 * a slot is never taken early and spent late. The first send of a run goes alone and the window restarts after its
 * answer.
 */
@Component
class PacedSender {

    private final NumberPacing pacing;

    private final AlertRepository alerts;

    private final AlertSendOnce sendOnce;

    private final AlertsProperties properties;

    PacedSender(NumberPacing pacing, AlertRepository alerts, AlertSendOnce sendOnce, AlertsProperties properties) {
        this.pacing = pacing;
        this.alerts = alerts;
        this.sendOnce = sendOnce;
        this.properties = properties;
    }

    Run startRun(String sender, String dispatcher, BooleanSupplier stopping) {
        return new Run(sender, dispatcher, this.pacing.startRun(sender, interval()), stopping);
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
        try (NumberPacing.Send send = run.pacing.begin()) {
            Optional<SendSlot> slot = send.reserve(message.segments().segments(),
                    this.properties.dailySegmentBudget());
            if (slot.isEmpty()) {
                this.alerts.retryAt(alert, this.alerts.startOfTomorrow(), null, "daily segment budget used up");
                return AlertOutcome.HELD;
            }
            if (!this.alerts.markSending(alert, run.dispatcher, message.segments())) {
                return AlertOutcome.SKIPPED;
            }
            try {
                send.awaitSlot(slot.get());
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
    }

    /** Stopped before the request left: nothing was sent, so the alert and its segments go back. */
    private void giveBack(Alert alert, Run run, SendSlot slot) {
        this.alerts.putBack(alert, "stopped before sending");
        this.pacing.refund(run.sender, slot);
    }

    /** One dispatcher run's sends from one number. */
    static final class Run {

        private final String sender;

        private final String dispatcher;

        private final NumberPacing.Run pacing;

        private final BooleanSupplier stopping;

        private Run(String sender, String dispatcher, NumberPacing.Run pacing, BooleanSupplier stopping) {
            this.sender = sender;
            this.dispatcher = dispatcher;
            this.pacing = pacing;
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
