package com.numbering.alerts;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * What is decided about an alert before any request is spent on it: expired, no consent, a recipient outside the
 * allowed countries, too long. A decided alert is recorded final here; the others go on to be sent.
 */
@Component
class AlertRules {

    private static final int MAX_PARTS = 10;

    private final AlertRepository alerts;

    private final ConsentRepository consents;

    private final AlertsProperties properties;

    private final Clock clock;

    AlertRules(AlertRepository alerts, ConsentRepository consents, AlertsProperties properties, Clock clock) {
        this.alerts = alerts;
        this.consents = consents;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return the outcome when the alert is not to be sent; empty when it goes on to be sent as {@code message} */
    Optional<AlertOutcome> decide(Alert alert, Message message, DestinationCountries destinations) {
        if (alert.expiresAt() != null && !this.clock.instant().isBefore(alert.expiresAt())) {
            this.alerts.finish(alert, "expired", null, "not sent: expired at " + alert.expiresAt());
            return Optional.of(AlertOutcome.EXPIRED);
        }
        Optional<String> noConsent = this.consents.refusal(alert.recipient());
        if (noConsent.isPresent()) {
            this.alerts.finish(alert, "suppressed", null, noConsent.get());
            return Optional.of(AlertOutcome.SUPPRESSED);
        }
        Optional<String> elsewhere = destinations.refusal(alert.recipient());
        if (elsewhere.isPresent()) {
            this.alerts.finish(alert, "failed", null, elsewhere.get());
            return Optional.of(AlertOutcome.REFUSED);
        }
        int parts = message.segments().segments();
        if (parts > MAX_PARTS) {
            this.alerts.finish(alert, "failed", "40302", "too long: " + parts + " parts, at most " + MAX_PARTS);
            return Optional.of(AlertOutcome.FAILED);
        }
        return Optional.empty();
    }

    /** The text as it leaves: who speaks, the body, how to opt out. */
    Message message(Alert alert) {
        String text = this.properties.compose(alert.body());
        return new Message(text, SmsSegments.of(text));
    }

    record Message(String text, SmsSegments segments) {
    }

}
