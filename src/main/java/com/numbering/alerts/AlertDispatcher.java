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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.numbering.launch.InvalidConfigurationException;
import com.numbering.support.AllSettled;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.OutboundMessage;

/**
 * Delivers due client alerts through the shared SMS number: once, on time, only to people who agreed, no faster
 * than the number may send. One logical alert is at most one message: {@code sending} is committed before the
 * call, and an alert found {@code sending} after a crash is never sent again ({@code unknown}, for a human).
 */
@Component
class AlertDispatcher {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

    /** The shared number itself cannot send: no alert will go until someone fixes it. */
    private static final Set<String> SENDER_UNUSABLE = Set.of("40305", "40309", "40312", "40315", "40331", "40333",
            "40010", "40329", "40330");

    private final TelnyxGateway telnyx;

    private final AlertRepository alerts;

    private final ConsentRepository consents;

    private final SharedSender sender;

    private final AlertsProperties properties;

    private final Clock clock;

    private final MeterRegistry meters;

    private final AtomicInteger blocked = new AtomicInteger();

    AlertDispatcher(TelnyxGateway telnyx, AlertRepository alerts, ConsentRepository consents, SharedSender sender,
            AlertsProperties properties, Clock clock, MeterRegistry meters) {
        this.telnyx = telnyx;
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
        SendPacer pacer = new SendPacer(this.properties.messagesPerSecond());
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
            delivery.pacer().awaitSlot();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.alerts.retryAt(alert, now, null, "interrupted before sending");
            return Outcome.RETRY;
        }
        if (!this.alerts.markSending(alert, delivery.dispatcher(), segments)) {
            return Outcome.SKIPPED;
        }
        return send(alert, delivery.from(), text);
    }

    private Outcome send(Alert alert, String from, String text) {
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

    private Instant startOfDay() {
        return LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private record Delivery(String from, String dispatcher, SendPacer pacer, AtomicLong budget) {
    }

}
