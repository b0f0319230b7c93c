package com.numbering.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;


/**
 * The {@code client_alerts} outbox. Every transition commits on its own; {@code sending} is committed right before
 * the Telnyx call, so an alert found {@code sending} later may have been sent and is never sent again.
 */
@Repository
class AlertRepository {

    private static final RowMapper<Alert> ALERT = (rs, i) -> new Alert(rs.getLong("id"), rs.getString("tenant_id"),
            rs.getString("recipient"), rs.getString("alert_type"), rs.getString("body"),
            rs.getTimestamp("not_before").toInstant(),
            rs.getTimestamp("expires_at") == null ? null : rs.getTimestamp("expires_at").toInstant(),
            rs.getInt("attempts"), rs.getInt("priority"));

    /** Claims due alerts; SKIP LOCKED lets concurrent dispatchers take disjoint sets. */
    private static final String CLAIM = """
            UPDATE client_alerts SET status = 'claimed', claimed_by = ?, updated_at = ?
            WHERE id IN (SELECT id FROM client_alerts
                         WHERE status = 'queued' AND not_before <= ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                         ORDER BY priority DESC, not_before, id
                         LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING id, tenant_id, recipient, alert_type, body, not_before, expires_at, attempts, priority
            """;

    private static final String SENDING = """
            UPDATE client_alerts SET status = 'sending', attempts = attempts + 1, encoding = ?, segments = ?,
                   updated_at = ?
            WHERE id = ? AND status = 'claimed' AND claimed_by = ?
            """;

    private static final String SENT = """
            UPDATE client_alerts SET status = 'sent', telnyx_message_id = ?, sent_at = ?, last_error_code = NULL,
                   last_error_reason = NULL, delivery_next_check_at = ?, updated_at = ?
            WHERE id = ? AND status = 'sending'
            """;

    /** A final state reached before or after the call (failed, expired, suppressed, unknown). */
    private static final String FINISH = """
            UPDATE client_alerts SET status = ?, last_error_code = ?, last_error_reason = ?, updated_at = ?
            WHERE id = ? AND status IN ('claimed', 'sending')
            """;

    /** Back in the queue: not sent (Telnyx said so), try again later. */
    private static final String RETRY = """
            UPDATE client_alerts SET status = 'queued', claimed_by = NULL, next_attempt_at = ?, last_error_code = ?,
                   last_error_reason = ?, updated_at = ?
            WHERE id = ? AND status IN ('claimed', 'sending')
            """;

    private static final String RELEASE_CLAIMS = """
            UPDATE client_alerts SET status = 'queued', claimed_by = NULL, updated_at = ? WHERE status = 'claimed'
            """;

    private static final String RELEASE_OWN_CLAIMS = """
            UPDATE client_alerts SET status = 'queued', claimed_by = NULL, updated_at = ?
            WHERE status = 'claimed' AND claimed_by = ?
            """;

    private static final String ORPHANED_SENDS = """
            UPDATE client_alerts SET status = 'unknown', last_error_code = NULL,
                   last_error_reason = 'the process died during the send: it may have been delivered; never resent, '
                                       || 'check Telnyx (message detail records) before re-queueing', updated_at = ?
            WHERE status = 'sending'
            RETURNING id
            """;

    private final JdbcTemplate jdbc;

    private final Clock clock;

    AlertRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<Alert> claim(String dispatcher, int limit) {
        Timestamp now = now();
        // UPDATE … RETURNING gives rows in no particular order: restore the queue's (priority, then due time).
        return this.jdbc.query(CLAIM, ALERT, dispatcher, now, now, now, limit)
            .stream()
            .sorted(Comparator.comparingInt(Alert::priority)
                .reversed()
                .thenComparing(Alert::notBefore)
                .thenComparingLong(Alert::id))
            .toList();
    }

    boolean markSending(Alert alert, String dispatcher, SmsSegments segments) {
        return update(SENDING, segments.encoding(), segments.segments(), now(), alert.id(), dispatcher);
    }

    void markSent(Alert alert, String messageId, Instant checkDeliveryAt) {
        update(SENT, messageId, now(), Timestamp.from(checkDeliveryAt), now(), alert.id());
    }

    void finish(Alert alert, String status, String code, String reason) {
        update(FINISH, status, code, reason, now(), alert.id());
    }

    void retryAt(Alert alert, Instant at, String code, String reason) {
        update(RETRY, Timestamp.from(at), code, reason, now(), alert.id());
    }

    /**
     * After a crash: every claim and send left by other runs. Only under the job's lock, which proves that the
     * dispatchers that held them are dead; a live one's claims would be taken from it.
     *
     * @return the alerts found {@code sending}, now {@code unknown}
     */
    List<Long> recover() {
        Timestamp now = now();
        List<Long> unknown = this.jdbc.queryForList(ORPHANED_SENDS, Long.class, now);
        this.jdbc.update(RELEASE_CLAIMS, now());
        return unknown;
    }

    /** Claimed alerts this run did not get to go back to the queue; another run's claims stay its own. */
    void releaseClaims(String dispatcher) {
        this.jdbc.update(RELEASE_OWN_CLAIMS, now(), dispatcher);
    }

    Instant startOfTomorrow() {
        return LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Not sent (stopped or interrupted before the request left): back in the queue, due now. */
    void putBack(Alert alert, String reason) {
        retryAt(alert, this.clock.instant(), null, reason);
    }

    private Timestamp now() {
        return Timestamp.from(this.clock.instant());
    }

    private boolean update(String sql, Object... args) {
        return this.jdbc.update(sql, args) == 1;
    }

}
