package com.numbering.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.numbering.alerts.DeliveryRepository.SentAlert;
import com.numbering.privacy.Redaction;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.MessageStatus;

/**
 * Learns what became of sent alerts: Telnyx's 200 on a send only means queued. Each sent alert is read back
 * ({@code GET /messages/{id}}) after a delay, and again while in flight, until its status is final or Telnyx no
 * longer keeps it (10 days). A carrier refusing the shared number itself (10DLC) holds every alert.
 */
@Component
class DeliveryCheck {

    private static final Logger log = LoggerFactory.getLogger(DeliveryCheck.class);

    /** Telnyx returns messages up to 10 days old. */
    static final Duration RETENTION = Duration.ofDays(10);

    private static final int PAGE = 100;

    private final TelnyxGateway telnyx;

    private final DeliveryRepository deliveries;

    private final AlertsProperties properties;

    private final Clock clock;

    private final MeterRegistry meters;

    private final AtomicLong oldestUnknownAge = new AtomicLong();

    DeliveryCheck(TelnyxGateway telnyx, DeliveryRepository deliveries, AlertsProperties properties, Clock clock,
            MeterRegistry meters) {
        this.telnyx = telnyx;
        this.deliveries = deliveries;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        Gauge.builder("numbering.alerts.undelivered.oldest.age", this.oldestUnknownAge, AtomicLong::get)
            .description("Age of the oldest sent alert whose final delivery status is not known yet")
            .baseUnit("seconds")
            .register(meters);
        // Registered at 0, so that every run pushes it and its alert rule always has a series to read.
        meters.counter("numbering.telnyx.statuses.not.understood", "kind", "message");
    }

    enum Result {

        FINAL, IN_FLIGHT, NOT_CHECKED

    }

    /**
     * @param timeLeft what is left of the run's budget ({@code numbering.alerts.run-budget}, counted from the job's
     * start): once spent, the alerts not read yet stay due for the next run (reading one changes nothing before
     * its answer is recorded)
     * @return how many sent alerts ended how in this run
     */
    Map<Result, Integer> run(Duration timeLeft) {
        Map<Result, Integer> results = new EnumMap<>(Result.class);
        RunBudget time = new RunBudget(this.clock, timeLeft);
        int budget = this.properties.deliveryChecksPerRun();
        checking: while (budget > 0) {
            List<SentAlert> due = this.deliveries.due(Math.min(PAGE, budget));
            if (due.isEmpty()) {
                break;
            }
            for (SentAlert alert : due) {
                if (time.spent()) {
                    log.info("The run's budget (numbering.alerts.run-budget) is spent: the delivery of the sent alerts "
                            + "not read yet is read by the next run");
                    break checking;
                }
                results.merge(check(alert), 1, Integer::sum);
            }
            budget -= due.size();
        }
        Instant oldest = this.deliveries.oldestUnknown();
        this.oldestUnknownAge.set(oldest == null ? 0 : Duration.between(oldest, this.clock.instant()).toSeconds());
        if (!results.isEmpty()) {
            log.info("Delivery of sent alerts learnt this run: {}", results);
        }
        return results;
    }

    private Result check(SentAlert alert) {
        Instant now = this.clock.instant();
        if (alert.sentAt().plus(RETENTION).isBefore(now)) {
            return settle(alert, "not_found", null, "no final status within Telnyx's 10 days of message records", now);
        }
        Optional<MessageStatus> status;
        try {
            status = this.telnyx.getMessage(alert.messageId());
        }
        catch (TelnyxException.Transient | TelnyxException.Rejected unavailable) {
            this.deliveries.recordInFlight(alert, null, null, now.plus(this.properties.deliveryRecheckInterval()));
            return Result.NOT_CHECKED;
        }
        if (status.isEmpty()) {
            return settle(alert, "not_found", null, "Telnyx no longer has this message", now);
        }
        MessageStatus message = status.get();
        if (!message.isUnderstood()) {
            // Newer than this client, or absent: not final and not a failure, only not known yet. Never written
            // into delivery_status (its CHECK would fail the step on every run), looked at again later.
            String reason = "delivery status '" + Redaction.echo(message.status()) + "' not understood; "
                    + "looked at again";
            log.warn("alert {}: {}", alert.id(), reason);
            this.meters.counter("numbering.telnyx.statuses.not.understood", "kind", "message").increment();
            this.deliveries.recordInFlight(alert, null, reason, now.plus(this.properties.deliveryRecheckInterval()));
            return Result.IN_FLIGHT;
        }
        if (!message.isFinal()) {
            this.deliveries.recordInFlight(alert, message.status(), null,
                    now.plus(this.properties.deliveryRecheckInterval()));
            return Result.IN_FLIGHT;
        }
        String reason = message.errorCode() == null ? null : message.errorTitle();
        if (SendErrors.holdsTheSender(message.errorCode())) {
            holdSender(message);
        }
        return settle(alert, message.status(), message.errorCode(), reason,
                message.completedAt() != null ? message.completedAt() : now);
    }

    private Result settle(SentAlert alert, String status, String code, String reason, Instant at) {
        this.deliveries.recordFinal(alert, status, code, reason, at);
        this.meters.counter("numbering.alerts.delivery", "status", status).increment();
        if (!"delivered".equals(status)) {
            this.meters.counter("numbering.alerts.delivery.failed", "code", code == null ? "none" : code).increment();
        }
        return Result.FINAL;
    }

    private void holdSender(MessageStatus message) {
        String reason = "carrier error " + message.errorCode() + " (" + message.errorTitle() + ")";
        if (this.deliveries.holdSender(reason)) {
            log.error("Carriers refuse the shared SMS number itself: {}. Every client alert is held until the 10DLC "
                    + "registration is fixed and setupSharedSmsNumberJob is rerun (README, section 10DLC)", reason);
            this.meters.counter("numbering.alerts.sender.held", "code", message.errorCode()).increment();
        }
    }

}
