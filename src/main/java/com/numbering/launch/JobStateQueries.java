package com.numbering.launch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The states a dashboard shows, read from PostgreSQL at the end of a run of the job that owns them: a gauge then says
 * how things are, not what one run happened to see. Read-only; labels carry statuses and kinds, never a number or id.
 */
final class JobStateQueries {

    private static final String TENANTS_BY_STATUS_AND_TIER = """
            SELECT COALESCE(t.telnyx_voice_status, 'none'), COALESCE(t.telnyx_voice_tier, 'none'), count(*)
            FROM tenants t JOIN numbering_tenants v ON v.id = t.id
            WHERE v.active
            GROUP BY 1, 2
            """;

    /**
     * Tenants whose last order's outcome nobody could learn (VoiceNumberProvisioner's field
     * {@code telnyx-order-outcome}), split by whether they were escalated to a human ("NEEDS A HUMAN:").
     */
    private static final String ORDER_OUTCOMES_UNKNOWN = """
            SELECT COALESCE(telnyx_voice_failure_reason LIKE 'NEEDS A HUMAN:%', false), count(*) FROM tenants
            WHERE telnyx_voice_failure_field = 'telnyx-order-outcome' AND telnyx_voice_status IS DISTINCT FROM 'active'
            GROUP BY 1
            """;

    private static final String OUTBOX_BY_STATUS = "SELECT status, count(*) FROM client_alerts GROUP BY status";

    private static final String OLDEST_DUE_ALERT = """
            SELECT min(COALESCE(next_attempt_at, created_at)) FROM client_alerts
            WHERE status = 'queued' AND COALESCE(next_attempt_at, created_at) <= ?
            """;

    private static final String SEGMENTS_USED_TODAY = "SELECT COALESCE(sum(segments_used), 0) FROM sms_send_windows WHERE day = ?";

    private static final String NUMBERS_OWNED = """
            SELECT 'tenant', count(*) FROM tenants WHERE telnyx_voice_status = 'active'
            UNION ALL SELECT 'shared_sms', count(*) FROM system_config WHERE telnyx_sms_status = 'active'
            UNION ALL SELECT 'unowned', count(*) FROM reconciliation_unowned_numbers WHERE kind = 'unowned-number'
            UNION ALL SELECT 'inactive_tenant', count(*) FROM reconciliation_unowned_numbers
                      WHERE kind = 'inactive-tenant-number'
            """;

    private static final String FINDINGS_OF_RUN = """
            SELECT kind, count(*) FROM reconciliation_findings WHERE job_execution_id = ? GROUP BY kind
            """;

    private static final String LAST_SUCCESS = """
            SELECT max(e.end_time) FROM batch_job_execution e
            JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
            WHERE i.job_name = ? AND e.status = 'COMPLETED'
            """;

    private static final String LAST_SCHEDULED_SUCCESS = LAST_SUCCESS + """
              AND NOT EXISTS (SELECT 1 FROM batch_job_execution_params p
                              WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name <> ?)
            """;

    private final JdbcTemplate jdbc;

    JobStateQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Count(List<String> labels, long value) {
    }

    List<Count> tenantsByStatusAndTier() {
        return this.jdbc.query(TENANTS_BY_STATUS_AND_TIER,
                (rs, row) -> new Count(List.of(rs.getString(1), rs.getString(2)), rs.getLong(3)));
    }

    /** Tenants waiting on an unknown order outcome, by escalated ("true"/"false"); both keys always present. */
    Map<String, Long> orderOutcomesUnknown() {
        Map<String, Long> counts = new TreeMap<>(Map.of("false", 0L, "true", 0L));
        this.jdbc.query(ORDER_OUTCOMES_UNKNOWN, rs -> {
            counts.put(String.valueOf(rs.getBoolean(1)), rs.getLong(2));
        });
        return counts;
    }

    List<Count> outboxByStatus() {
        List<Count> counts = new ArrayList<>();
        this.jdbc.query(OUTBOX_BY_STATUS, rs -> {
            counts.add(new Count(List.of(rs.getString(1)), rs.getLong(2)));
        });
        return counts;
    }

    /** Seconds the oldest due, unsent alert has waited; 0 when none waits. */
    double oldestDueAlertAgeSeconds(Instant now) {
        java.sql.Timestamp oldest = this.jdbc.queryForObject(OLDEST_DUE_ALERT, java.sql.Timestamp.class,
                java.sql.Timestamp.from(now));
        return oldest == null ? 0 : Math.max(0, (now.toEpochMilli() - oldest.getTime()) / 1000.0);
    }

    long segmentsUsedToday(Instant now) {
        Long used = this.jdbc.queryForObject(SEGMENTS_USED_TODAY, Long.class, LocalDate.ofInstant(now, ZoneOffset.UTC));
        return used == null ? 0 : used;
    }

    List<Count> findingsOf(long executionId) {
        return this.jdbc.query(FINDINGS_OF_RUN, (rs, row) -> new Count(List.of(rs.getString(1)), rs.getLong(2)),
                executionId);
    }

    List<Count> numbersOwned() {
        return this.jdbc.query(NUMBERS_OWNED, (rs, row) -> new Count(List.of(rs.getString(1)), rs.getLong(2)));
    }

    /**
     * When this job last COMPLETED, among scheduled runs (no parameter but run.at) or among all runs; null if never.
     */
    Instant lastSuccess(String jobName, boolean scheduledOnly) {
        java.sql.Timestamp last = scheduledOnly
                ? this.jdbc.queryForObject(LAST_SCHEDULED_SUCCESS, java.sql.Timestamp.class, jobName,
                        JobLaunchService.RUN_AT)
                : this.jdbc.queryForObject(LAST_SUCCESS, java.sql.Timestamp.class, jobName);
        return last == null ? null : last.toInstant();
    }

}
