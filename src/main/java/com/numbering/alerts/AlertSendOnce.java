package com.numbering.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.numbering.alerts.AlertRules.Message;
import com.numbering.alerts.SendErrors.Concern;
import com.numbering.config.InvalidConfigurationException;
import com.numbering.pacing.NumberPacing;
import com.numbering.pacing.SendSlot;
import com.numbering.privacy.Redaction;
import com.numbering.support.Backoff;
import com.numbering.support.SpendFence;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.TelnyxGateway.OutboundMessage;
import com.numbering.telnyx.TelnyxGateway;

/**
 * The one send of an alert, in its turn, and what each answer of Telnyx's means for it.
 * <p>
 * In its turn ({@link NumberPacing}): the account turn is taken and the slot reserved in the shared send window only
 * when the alert is ready to go, {@code sending} is committed, and the request leaves at the slot: a slot is never
 * taken early and spent late. The first send of a run goes alone and the window restarts after its answer.
 * <p>
 * Once: the request is made only for an alert committed as {@code sending}, and its answer (docs/jobs.md "Client
 * alerts": error classes) means sent; refused for this recipient or this text alone; refused for the sender, which
 * stops the queue; not now, retried with backoff; or unknown, never resent.
 */
@Component
class AlertSendOnce {

    private static final Logger log = LoggerFactory.getLogger(AlertSendOnce.class);

    private final TelnyxGateway telnyx;

    private final AlertRepository alerts;

    private final ConsentRepository consents;

    private final NumberPacing pacing;

    private final AlertsProperties properties;

    private final Clock clock;

    private final SpendFence fence;

    AlertSendOnce(TelnyxGateway telnyx, AlertRepository alerts, ConsentRepository consents, NumberPacing pacing,
            AlertsProperties properties, Clock clock, SpendFence fence) {
        this.fence = fence;
        this.telnyx = telnyx;
        this.alerts = alerts;
        this.consents = consents;
        this.pacing = pacing;
        this.properties = properties;
        this.clock = clock;
    }

    Run startRun(String sender, String dispatcher, BooleanSupplier stopping) {
        return new Run(sender, dispatcher,
                this.pacing.startRun(sender, this.properties.interval(), this.properties.lateness()), stopping);
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
                // No longer this run's (changed by hand, or released, since its claim): not sent; its slot stays
                // empty, its segments go back to the day's budget.
                this.pacing.refund(run.sender, slot.get());
                return AlertOutcome.SKIPPED;
            }
            Optional<SendSlot> now = await(alert, run, slot.get(), () -> send.awaitSlot(slot.get()));
            while (true) {
                if (now.isEmpty()) {
                    giveBack(alert, run, slot.get(), "not sent: too late for its slot again and again");
                    return AlertOutcome.RETRY;
                }
                if (run.stopping()) {
                    giveBack(alert, run, slot.get(), "stopped before sending");
                    return AlertOutcome.RETRY;
                }
                SendSlot current = now.get();
                try {
                    return request(alert, run.sender, message.text(), current, send.leaveBy(current));
                }
                catch (TelnyxException.Late late) {
                    // Not written: the request would have left after its slot's deadline. A later slot, as for a
                    // late wake; the alert stays 'sending' meanwhile, as it was before the request.
                    log.debug("alert {}: {}; it takes a later slot", alert.id(), late.getMessage());
                    now = await(alert, run, slot.get(), () -> send.missed(current));
                }
            }
        }
    }

    @FunctionalInterface
    private interface SlotWait {

        Optional<SendSlot> await() throws InterruptedException;

    }

    /** A stop while waiting for the slot: nothing was sent, so the alert and its segments go back. */
    private Optional<SendSlot> await(Alert alert, Run run, SendSlot slot, SlotWait wait) throws InterruptedException {
        try {
            return wait.await();
        }
        catch (InterruptedException stop) {
            giveBack(alert, run, slot, "stopped before sending");
            throw stop;
        }
    }

    /** Stopped before the request left: nothing was sent, so the alert and its segments go back. */
    private void giveBack(Alert alert, Run run, SendSlot slot, String reason) {
        this.alerts.putBack(alert, reason);
        this.pacing.refund(run.sender, slot);
    }

    /**
     * The request, at the slot, for an alert committed as {@code sending}.
     * @throws TelnyxException.Late when it was not written, for leaving after {@code leaveBy}: the caller gives it a
     *         later slot
     */
    private AlertOutcome request(Alert alert, String from, String text, SendSlot slot, Instant leaveBy) {
        try {
            this.fence.check("POST /messages");
        }
        catch (SpendFence.LockLostException lost) {
            // Not sent: the alert goes back to the queue for whichever process holds the lock now.
            this.pacing.refund(from, slot);
            this.alerts.retryAt(alert, this.clock.instant(), null, "not sent: this run lost its lock");
            throw lost;
        }
        try {
            String messageId = this.telnyx
                .sendMessage(new OutboundMessage(from, alert.recipient(), text), slot.turn(), leaveBy)
                .id();
            this.alerts.markSent(alert, messageId, this.clock.instant().plus(this.properties.deliveryCheckDelay()));
            return AlertOutcome.SENT;
        }
        catch (TelnyxException.Fatal fatal) {
            // Telnyx answered and refused everything (bad key, account): this alert was not sent.
            this.pacing.refund(from, slot);
            this.alerts.retryAt(alert, this.clock.instant(), fatal.errorCode(), fatal.getMessage());
            throw fatal;
        }
        catch (TelnyxException.Rejected rejected) {
            this.pacing.refund(from, slot);
            return refused(alert, from, rejected);
        }
        catch (TelnyxException.Transient failure) {
            if (failure.httpStatus() == 0) {
                // No answer at all (timeout, dropped connection): it may have been sent. Never resend.
                return unknown(alert, "no answer from Telnyx (" + Redaction.text(failure.getMessage())
                        + "): it may have been delivered; never resent");
            }
            if (failure.outcomeUnknown() && failure.errorCode() == null) {
                // A 5xx that is not Telnyx's own error (a proxy's 502/504 page): Telnyx may have sent it. Never resend.
                return unknown(alert, "HTTP " + failure.httpStatus() + " without a Telnyx error (a proxy's answer): "
                        + "it may have been delivered; never resent");
            }
            this.pacing.refund(from, slot);
            return later(alert, from, failure.errorCode(), failure.getMessage(), failure.retryAfter());
        }
        catch (TelnyxException.Late late) {
            // Not sent at all: the caller gives it a later slot (the segments stay reserved for it).
            throw late;
        }
        catch (RuntimeException unreadable) {
            // Telnyx answered, but not in a way we understand: it may have been sent.
            return unknown(alert, "unreadable answer: " + unreadable.getClass().getSimpleName()
                    + ": it may have been delivered; never resent");
        }
    }

    /**
     * Sent or not, nobody can tell: recorded, logged, counted by the dispatcher, escalated (docs/operations.md
     * "Unknown outcomes").
     */
    private AlertOutcome unknown(Alert alert, String reason) {
        this.alerts.finish(alert, "unknown", null, reason);
        log.error("alert {}: outcome unknown, {}; a human settles it (README \"Unknown outcomes\")", alert.id(), reason);
        return AlertOutcome.UNKNOWN;
    }

    private AlertOutcome refused(Alert alert, String from, TelnyxException.Rejected rejected) {
        String code = rejected.errorCode();
        Concern concern = SendErrors.concernOf(code);
        if (concern == null) {
            // Not in Telnyx's list as we know it: a 4xx was not sent, so retrying a few times is safe and loses nothing.
            log.warn("Telnyx refused an alert with an unclassified code {} (HTTP {}): retried with backoff, failed after "
                    + "{} attempts", code, rejected.httpStatus(), this.properties.maxAttempts());
            return later(alert, from, code, rejected.getMessage(), null);
        }
        return switch (concern) {
            case OPTED_OUT -> {
                this.consents.recordOptOut(alert.recipient(), "Telnyx 40300: the recipient replied STOP");
                this.alerts.finish(alert, "failed", code, "the recipient replied STOP; opt-out recorded, never retried");
                yield AlertOutcome.FAILED;
            }
            case RECIPIENT, CONTENT -> {
                this.alerts.finish(alert, "failed", code, rejected.getMessage());
                yield AlertOutcome.FAILED;
            }
            case SENDER -> {
                this.alerts.retryAt(alert, this.clock.instant(), code, rejected.getMessage());
                throw new InvalidConfigurationException("The shared SMS number cannot send (" + rejected.getMessage()
                        + "): alerts stay queued. Rerun setupSharedSmsNumberJob and check the number's messaging "
                        + "profile and 10DLC campaign.");
            }
            case LATER -> later(alert, from, code, rejected.getMessage(), null);
        };
    }

    private AlertOutcome later(Alert alert, String from, String code, String reason, Duration retryAfter) {
        if ("10011".equals(code) || "40318".equals(code)) {
            // The account's rate or the number's queue is full: every dispatcher waits, not just this alert.
            this.pacing.pushBack(from, retryAfter != null ? retryAfter : this.properties.retryBackoff());
        }
        int attempts = alert.attempts() + 1;
        if (attempts >= this.properties.maxAttempts()) {
            this.alerts.finish(alert, "failed", code, reason + " (gave up after " + attempts + " attempts)");
            return AlertOutcome.FAILED;
        }
        this.alerts.retryAt(alert, this.clock.instant().plus(backoff(attempts)), code, reason);
        return AlertOutcome.RETRY;
    }

    private Duration backoff(int attempts) {
        return Backoff.jittered(this.properties.retryBackoff(), this.properties.maxRetryBackoff(), attempts);
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
