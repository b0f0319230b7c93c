package com.numbering.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.numbering.metrics.JobFigures;
import com.numbering.metrics.MeterDescriptions;
import com.numbering.metrics.StateGauges;

/**
 * What a dispatch run pushes: alerts handled, held and read back, and the outbox and the shared number's day read
 * from {@code client_alerts} and {@code sms_send_windows}.
 */
@Component
class AlertFigures implements JobFigures {

    /** Every status of {@code client_alerts.status}: each is pushed, at 0 when no alert has it. */
    static final List<String> OUTBOX_STATUSES = List.of("queued", "claimed", "sending", "sent", "failed", "expired",
            "suppressed", "cancelled", "unknown");

    private static final String OUTBOX_BY_STATUS = "SELECT status, count(*) FROM client_alerts GROUP BY status";

    private static final String OLDEST_DUE_ALERT = """
            SELECT min(COALESCE(next_attempt_at, created_at)) FROM client_alerts
            WHERE status = 'queued' AND COALESCE(next_attempt_at, created_at) <= ?
            """;

    private static final String SEGMENTS_USED_TODAY = "SELECT COALESCE(sum(segments_used), 0) FROM sms_send_windows WHERE day = ?";

    private final JdbcTemplate jdbc;

    private final AlertsProperties properties;

    private final Clock clock;

    AlertFigures(JdbcTemplate jdbc, AlertsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Bean
    static MeterDescriptions alertMeterDescriptions() {
        return new MeterDescriptions(Map.of(
                "numbering.alerts.dispatched", "Client alerts handled by this run, by outcome",
                "numbering.alerts.held", "Client alerts held back by this run, by reason",
                "numbering.alerts.blocked", "1 when the shared number cannot send (10DLC campaign, sender held)",
                "numbering.alerts.runs.budget.spent", "Dispatch runs that stopped claiming alerts when their run "
                        + "budget was spent, leaving the backlog to the next run",
                "numbering.alerts.delivery", "Delivery statuses read back by this run, by status",
                "numbering.alerts.delivery.failed", "Failed deliveries read back by this run, by Telnyx error code",
                "numbering.alerts.sender.held", "Times carriers refused the shared number itself, by error code",
                "numbering.alerts.undelivered.oldest.age", "Age of the oldest sent alert whose delivery is unknown"));
    }

    @Override
    public String jobName() {
        return "dispatchAlertsJob";
    }

    @Override
    public List<String> meterPrefixes() {
        return List.of("numbering_alerts_", "numbering_sms_segments_");
    }

    @Override
    public void beforeRun(MeterRegistry meters) {
        List.of("sent", "suppressed", "expired", "refused", "failed", "retry", "held", "unknown", "skipped")
            .forEach(outcome -> Counter.builder("numbering.alerts.dispatched").tag("outcome", outcome).register(meters));
        Counter.builder("numbering.alerts.held").tag("reason", "daily_budget").register(meters);
        List.of("delivered", "delivery_failed", "sending_failed")
            .forEach(status -> Counter.builder("numbering.alerts.delivery").tag("status", status).register(meters));
        Counter.builder("numbering.alerts.delivery.failed").tag("code", "none").register(meters);
        Counter.builder("numbering.alerts.runs.budget.spent").register(meters);
    }

    @Override
    public void afterRun(StateGauges gauges, Long executionId) {
        Instant now = this.clock.instant();
        Map<String, Long> outbox = new TreeMap<>();
        OUTBOX_STATUSES.forEach(status -> outbox.put(status, 0L));
        this.jdbc.query(OUTBOX_BY_STATUS, rs -> {
            outbox.put(rs.getString(1), rs.getLong(2));
        });
        outbox.forEach((status, count) -> gauges.set("numbering.alerts.outbox", null,
                "Client alerts in the outbox by status", Tags.of("status", status), count));
        gauges.set("numbering.alerts.oldest.due.age", "seconds",
                "How long the oldest due, unsent client alert has waited; 0 if none", Tags.empty(),
                oldestDueAlertAgeSeconds(now));
        gauges.set("numbering.sms.segments.used.today", null, "SMS segments sent today (UTC) by the shared number",
                Tags.empty(), segmentsUsedToday(now));
        gauges.set("numbering.sms.segments.budget", null, "SMS segments the shared number may send per UTC day",
                Tags.empty(), this.properties.dailySegmentBudget());
    }

    /** Seconds the oldest due, unsent alert has waited; 0 when none waits. */
    private double oldestDueAlertAgeSeconds(Instant now) {
        Timestamp oldest = this.jdbc.queryForObject(OLDEST_DUE_ALERT, Timestamp.class, Timestamp.from(now));
        return oldest == null ? 0 : Math.max(0, (now.toEpochMilli() - oldest.getTime()) / 1000.0);
    }

    private long segmentsUsedToday(Instant now) {
        Long used = this.jdbc.queryForObject(SEGMENTS_USED_TODAY, Long.class, LocalDate.ofInstant(now, ZoneOffset.UTC));
        return used == null ? 0 : used;
    }

}
