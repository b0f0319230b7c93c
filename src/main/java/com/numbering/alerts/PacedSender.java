package com.numbering.alerts;

import java.time.Duration;
import java.util.Optional;
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
        return new Run(sender, dispatcher, this.pacing.startRun(sender, interval(), lateness()), stopping);
    }

    /** (1 s + margin) / N: the margin once in every window of N sends ({@link AlertsProperties#interval}). */
    Duration interval() {
        return this.properties.interval();
    }

    /**
     * Half the margin: a send that would leave later than that after its slot takes a new one, so that lateness never
     * eats more than half of a window's margin, and the other half is left for the way to Telnyx.
     */
    Duration lateness() {
        return this.properties.pacingMargin().dividedBy(2);
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
            Optional<SendSlot> now;
            try {
                now = send.awaitSlot(slot.get());
            }
            catch (InterruptedException stop) {
                giveBack(alert, run, slot.get(), "stopped before sending");
                throw stop;
            }
            if (now.isEmpty()) {
                giveBack(alert, run, slot.get(), "not sent: woke too late for its slot again and again");
                return AlertOutcome.RETRY;
            }
            if (run.stopping()) {
                giveBack(alert, run, slot.get(), "stopped before sending");
                return AlertOutcome.RETRY;
            }
            return this.sendOnce.send(alert, run.sender, message.text(), now.get());
        }
    }

    /** Stopped before the request left: nothing was sent, so the alert and its segments go back. */
    private void giveBack(Alert alert, Run run, SendSlot slot, String reason) {
        this.alerts.putBack(alert, reason);
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
