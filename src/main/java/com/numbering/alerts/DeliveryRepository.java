package com.numbering.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;


/** What became of sent alerts: the delivery columns of {@code client_alerts}, and the sender hold it may put. */
@Repository
class DeliveryRepository {

    private static final String DUE = """
            SELECT id, telnyx_message_id, sent_at FROM client_alerts
            WHERE status = 'sent' AND delivery_final_at IS NULL AND delivery_next_check_at <= ?
            ORDER BY delivery_next_check_at, id LIMIT ?
            """;

    private static final String FINAL = """
            UPDATE client_alerts SET delivery_status = ?, delivery_error_code = ?, delivery_error_reason = ?,
                   delivery_checked_at = ?, delivery_final_at = ?, delivery_next_check_at = NULL, updated_at = ?
            WHERE id = ? AND status = 'sent' AND delivery_final_at IS NULL
            """;

    private static final String IN_FLIGHT = """
            UPDATE client_alerts SET delivery_status = ?, delivery_error_reason = ?, delivery_checked_at = ?,
                   delivery_next_check_at = ?
            WHERE id = ? AND status = 'sent' AND delivery_final_at IS NULL
            """;

    private static final String OLDEST_UNKNOWN = """
            SELECT min(sent_at) FROM client_alerts WHERE status = 'sent' AND delivery_final_at IS NULL
            """;

    private static final String HOLD_SENDER = """
            UPDATE system_config SET telnyx_sms_hold_reason = ?, telnyx_sms_held_at = ?
            WHERE id = 1 AND telnyx_sms_hold_reason IS NULL
            """;

    private final JdbcTemplate jdbc;

    private final Clock clock;

    DeliveryRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<SentAlert> due(int limit) {
        return this.jdbc.query(DUE, (rs, i) -> new SentAlert(rs.getLong(1), rs.getString(2),
                rs.getTimestamp(3).toInstant()), now(), limit);
    }

    void recordFinal(SentAlert alert, String status, String code, String reason, Instant finalAt) {
        this.jdbc.update(FINAL, status, code, reason, now(), Timestamp.from(finalAt), now(), alert.id());
    }

    /**
     * @param status one of the in-flight statuses, or null when not learnt (unreachable, or not understood)
     * @param reason why the status is not known yet, or null
     */
    void recordInFlight(SentAlert alert, String status, String reason, Instant checkAgainAt) {
        this.jdbc.update(IN_FLIGHT, status, reason, now(), Timestamp.from(checkAgainAt), alert.id());
    }

    /** @return whether this call put the hold (it was not already held) */
    boolean holdSender(String reason) {
        return this.jdbc.update(HOLD_SENDER, reason, now()) == 1;
    }

    /** @return the send time of the oldest alert whose final status is not known, or null */
    Instant oldestUnknown() {
        Timestamp oldest = this.jdbc.queryForObject(OLDEST_UNKNOWN, Timestamp.class);
        return oldest == null ? null : oldest.toInstant();
    }

    private Timestamp now() {
        return Timestamp.from(this.clock.instant());
    }

    record SentAlert(long id, String messageId, Instant sentAt) {
    }

}
