package com.numbering.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.numbering.support.AllSettled;
import com.numbering.support.EvenPacer;
import com.numbering.telnyx.TelnyxGateway;

/**
 * Delivers due client alerts through the shared SMS number: once, on time, only to people who agreed, no faster
 * than the number may send. One logical alert is at most one message: {@code sending} is committed before the
 * call, and an alert found {@code sending} after a crash is never sent again ({@code unknown}, for a human).
 */
@Component
class AlertDispatcher {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

    private final AlertSendOnce sendOnce;

    private final AlertRepository alerts;

    private final ConsentRepository consents;

    private final SharedSender sender;

    private final AlertsProperties properties;

    private final Clock clock;

    private final MeterRegistry meters;

    private final AtomicInteger blocked = new AtomicInteger();

    AlertDispatcher(TelnyxGateway telnyx, AlertRepository alerts, ConsentRepository consents, SharedSender sender,
            AlertsProperties properties, Clock clock, MeterRegistry meters) {
        this.sendOnce = new AlertSendOnce(telnyx, alerts, consents, properties, clock);
        this.alerts = alerts;
        this.consents = consents;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        meters.gauge("numbering.alerts.blocked", this.blocked);
    }

    enum Outcome {

        SENT, SUPPRESSED, EXPIRED, FAILED, RETRY, HELD, UNKNOWN, SKIPPED

    }

    /** @return how many alerts ended how in this run */
    Map<Outcome, Integer> dispatch() {
        int[] recovered = this.alerts.recover();
        if (recovered[0] > 0) {
            log.error("{} alert(s) were being sent when a dispatcher died: marked 'unknown', never resent; a human "
                    + "checks Telnyx before re-queueing them", recovered[0]);
            this.meters.counter("numbering.alerts.dispatched", "outcome", "unknown").increment(recovered[0]);
        }
        SharedSender.Readiness readiness = this.sender.readiness(this.properties.allowUnassignedCampaign());
        this.blocked.set(readiness.ready() ? 0 : 1);
        if (!readiness.ready()) {
            log.warn("Client alerts are held, none sent: {}", readiness.reason());
            this.meters.counter("numbering.alerts.held", "reason", readiness.blockedBy()).increment();
            return Map.of();
        }
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        String dispatcher = UUID.randomUUID().toString();
        // Carriers count per number: a burst above the campaign rate is queued by Telnyx, then refused (40318).
        EvenPacer pacer = new EvenPacer(this.properties.messagesPerSecond());
        ExecutorService workers = Executors.newFixedThreadPool(this.properties.workers());
        try {
            while (true) {
                long budget = this.properties.dailySegmentBudget() - this.alerts.segmentsSince(startOfDay());
                if (budget <= 0) {
                    log.warn("Today's SMS segment budget ({}) is used up: the remaining alerts wait for tomorrow",
                            this.properties.dailySegmentBudget());
                    this.meters.counter("numbering.alerts.held", "reason", "daily_budget").increment();
                    break;
                }
                List<Alert> claimed = this.alerts.claim(dispatcher, this.properties.claimSize());
                if (claimed.isEmpty()) {
                    break;
                }
                deliverAll(claimed, new Delivery(readiness.number(), dispatcher, pacer, new AtomicLong(budget)),
                        workers)
                    .forEach(outcome -> outcomes.merge(outcome, 1, Integer::sum));
            }
        }
        finally {
            workers.shutdownNow();
        }
        log.info("Client alerts this run: {}", outcomes);
        return outcomes;
    }

    private List<Outcome> deliverAll(List<Alert> claimed, Delivery delivery, ExecutorService workers) {
        try {
            return AllSettled.run(claimed, alert -> deliver(alert, delivery), workers);
        }
        catch (RuntimeException stop) {
            // Claimed alerts that were never sent go back to the queue.
            this.alerts.recover();
            throw stop;
        }
    }

    private Outcome deliver(Alert alert, Delivery delivery) {
        Outcome outcome = attempt(alert, delivery);
        this.meters.counter("numbering.alerts.dispatched", "outcome", outcome.name().toLowerCase()).increment();
        return outcome;
    }

    private Outcome attempt(Alert alert, Delivery delivery) {
        Instant now = this.clock.instant();
        if (alert.expiresAt() != null && !now.isBefore(alert.expiresAt())) {
            this.alerts.finish(alert, "expired", null, "not sent: expired at " + alert.expiresAt());
            return Outcome.EXPIRED;
        }
        Optional<String> refusal = this.consents.refusal(alert.recipient());
        if (refusal.isPresent()) {
            this.alerts.finish(alert, "suppressed", null, refusal.get());
            return Outcome.SUPPRESSED;
        }
        String text = this.properties.compose(alert.body());
        SmsSegments segments = SmsSegments.of(text);
        if (segments.segments() > 10) {
            this.alerts.finish(alert, "failed", "40302", "too long: " + segments.segments() + " parts, at most 10");
            return Outcome.FAILED;
        }
        if (delivery.budget().addAndGet(-segments.segments()) < 0) {
            delivery.budget().addAndGet(segments.segments());
            this.alerts.retryAt(alert, startOfDay().plus(Duration.ofDays(1)), null, "daily segment budget used up");
            return Outcome.HELD;
        }
        try {
            delivery.pacer().acquire();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.alerts.retryAt(alert, now, null, "interrupted before sending");
            return Outcome.RETRY;
        }
        if (!this.alerts.markSending(alert, delivery.dispatcher(), segments)) {
            return Outcome.SKIPPED;
        }
        return this.sendOnce.send(alert, delivery.from(), text);
    }

    private Instant startOfDay() {
        return LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private record Delivery(String from, String dispatcher, EvenPacer pacer, AtomicLong budget) {
    }

}
