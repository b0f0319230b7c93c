package com.numbering.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.numbering.alerts.AlertDispatcher.Outcome;
import com.numbering.launch.InvalidConfigurationException;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.OutboundMessage;

/**
 * The one send of an alert already committed as {@code sending}, and what each answer of Telnyx's means for it
 * (https://developers.telnyx.com/docs/messaging/messages/error-codes; README "Client alerts"): sent, never to be
 * retried, retried later with backoff, or unknown.
 */
final class AlertSendOnce {

    /** The shared number itself cannot send: no alert will go until someone fixes it. */
    private static final Set<String> SENDER_UNUSABLE = Set.of("40305", "40309", "40312", "40315", "40331", "40333",
            "40010", "40329", "40330");

    private final TelnyxGateway telnyx;

    private final AlertRepository alerts;

    private final ConsentRepository consents;

    private final AlertsProperties properties;

    private final Clock clock;

    AlertSendOnce(TelnyxGateway telnyx, AlertRepository alerts, ConsentRepository consents,
            AlertsProperties properties, Clock clock) {
        this.telnyx = telnyx;
        this.alerts = alerts;
        this.consents = consents;
        this.properties = properties;
        this.clock = clock;
    }

    Outcome send(Alert alert, String from, String text) {
        try {
            String messageId = this.telnyx.sendMessage(new OutboundMessage(from, alert.recipient(), text)).id();
            this.alerts.markSent(alert, messageId);
            return Outcome.SENT;
        }
        catch (TelnyxException.Fatal fatal) {
            // Telnyx answered and refused everything (bad key, account): this alert was not sent.
            this.alerts.retryAt(alert, this.clock.instant(), fatal.errorCode(), fatal.getMessage());
            throw fatal;
        }
        catch (TelnyxException.Rejected rejected) {
            return rejected(alert, rejected);
        }
        catch (TelnyxException.Transient failure) {
            return transientFailure(alert, failure);
        }
        catch (RuntimeException unreadable) {
            // Telnyx answered, but not in a way we understand: it may have been sent.
            this.alerts.finish(alert, "unknown", null, "unreadable answer: " + unreadable.getClass().getSimpleName());
            return Outcome.UNKNOWN;
        }
    }

    private Outcome rejected(Alert alert, TelnyxException.Rejected rejected) {
        String code = rejected.errorCode();
        if ("40300".equals(code)) {
            this.consents.recordOptOut(alert.recipient(), "Telnyx 40300: the recipient replied STOP");
            this.alerts.finish(alert, "failed", code, "the recipient replied STOP; opt-out recorded, never retried");
            return Outcome.FAILED;
        }
        if (SENDER_UNUSABLE.contains(code)) {
            this.alerts.retryAt(alert, this.clock.instant(), code, rejected.getMessage());
            throw new InvalidConfigurationException("The shared SMS number cannot send (" + rejected.getMessage()
                    + "): alerts stay queued. Rerun setupSharedSmsNumberJob and check the number's messaging profile "
                    + "and 10DLC campaign.");
        }
        // Invalid or unroutable recipient, blocked content…: sending it again cannot help.
        this.alerts.finish(alert, "failed", code, rejected.getMessage());
        return Outcome.FAILED;
    }

    private Outcome transientFailure(Alert alert, TelnyxException.Transient failure) {
        if (failure.httpStatus() == 0) {
            // No answer at all (timeout, dropped connection): it may have been sent. Never resend.
            this.alerts.finish(alert, "unknown", null, "no answer from Telnyx: it may have been delivered; never resent");
            return Outcome.UNKNOWN;
        }
        int attempts = alert.attempts() + 1;
        if (attempts >= this.properties.maxAttempts()) {
            this.alerts.finish(alert, "failed", failure.errorCode(),
                    failure.getMessage() + " (gave up after " + attempts + " attempts)");
            return Outcome.FAILED;
        }
        this.alerts.retryAt(alert, this.clock.instant().plus(backoff(attempts)), failure.errorCode(),
                failure.getMessage());
        return Outcome.RETRY;
    }

    /** Exponential, with full jitter, so that retries of many alerts do not arrive together. */
    private Duration backoff(int attempts) {
        long ceiling = this.properties.retryBackoff().toMillis() << Math.min(attempts - 1, 20);
        long capped = Math.min(ceiling, this.properties.maxRetryBackoff().toMillis());
        long jittered = capped / 2 + (capped > 1 ? ThreadLocalRandom.current().nextLong(capped / 2 + 1) : 0);
        return Duration.ofMillis(jittered);
    }

}
