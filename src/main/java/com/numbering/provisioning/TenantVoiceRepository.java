package com.numbering.provisioning;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import com.numbering.adoption.TenantKey;

import com.numbering.numbers.CustomerReferences;
import com.numbering.numbers.NumberPurchaser;
import com.numbering.numbers.PurchaseRecord;
import com.numbering.numbers.PurchaseStatus;
import com.numbering.numbers.Tier;

/**
 * The voice columns of {@code tenants}. Every transition is one statement that commits by itself, before the Telnyx
 * call it guards, and only from the state the caller saw (compare-and-set on status, sequence and reference), so that
 * a crash at any instant leaves a state the next run can resume from, and two writers can never both win. A tenant
 * with an intent or an order ({@code available}, {@code ordered}) is never marked {@code failed}: it may hold a
 * number we pay for.
 */
@Repository
class TenantVoiceRepository {

    static final String COLUMNS = """
            id, phone, state, telnyx_voice_status, telnyx_voice_number, telnyx_voice_customer_reference,
            telnyx_voice_order_id, telnyx_voice_reference_seq, telnyx_voice_attempts
            """;

    static final RowMapper<TenantRow> ROW = (rs, i) -> new TenantRow(rs.getString(1), rs.getString(2), rs.getString(3),
            PurchaseStatus.of(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
            rs.getInt(9));

    private static final String RECORD_INTENT = """
            UPDATE tenants SET telnyx_voice_status = 'available', telnyx_voice_number = ?,
                   telnyx_voice_customer_reference = ?, telnyx_voice_reference_seq = telnyx_voice_reference_seq + 1,
                   telnyx_voice_tier = ?, telnyx_voice_area_code = ?, telnyx_voice_order_id = NULL,
                   telnyx_voice_number_id = NULL, telnyx_voice_updated_at = ?
            WHERE id = ? AND telnyx_voice_reference_seq = ?
              AND (telnyx_voice_status IS NULL OR telnyx_voice_status = 'failed')
            """;

    private static final String RECORD_ORDER = """
            UPDATE tenants SET telnyx_voice_status = 'ordered', telnyx_voice_order_id = ?, telnyx_voice_updated_at = ?
            WHERE id = ? AND telnyx_voice_customer_reference = ? AND telnyx_voice_status IN ('available', 'ordered')
            """;

    private static final String ACTIVATE = """
            UPDATE tenants SET telnyx_voice_status = 'active', telnyx_voice_number = ?, telnyx_voice_number_id = ?,
                   telnyx_voice_attempts = 0, telnyx_voice_next_attempt_at = NULL, telnyx_voice_failure_field = NULL,
                   telnyx_voice_failure_reason = NULL, telnyx_voice_updated_at = ?
            WHERE id = ? AND telnyx_voice_customer_reference = ?
            """;

    private static final String ABANDON_INTENT = """
            UPDATE tenants SET telnyx_voice_status = NULL, telnyx_voice_number = NULL, telnyx_voice_order_id = NULL,
                   telnyx_voice_updated_at = ?
            WHERE id = ? AND telnyx_voice_customer_reference = ?
              AND (telnyx_voice_status = 'available' AND telnyx_voice_order_id IS NULL
                   OR telnyx_voice_status = 'ordered' AND telnyx_voice_order_id = ?)
            """;

    /** Keeps an intent or an order as it is; anything else becomes a retry-eligible {@code failed}. */
    private static final String POSTPONE = """
            UPDATE tenants SET
                   telnyx_voice_status = CASE WHEN telnyx_voice_status IN ('available', 'ordered')
                                              THEN telnyx_voice_status ELSE 'failed' END,
                   telnyx_voice_attempts = telnyx_voice_attempts + ?, telnyx_voice_next_attempt_at = ?,
                   telnyx_voice_failure_field = ?, telnyx_voice_failure_reason = ?, telnyx_voice_updated_at = ?
            WHERE id = ? AND telnyx_voice_status IS DISTINCT FROM 'active'
            """;

    private static final String GIVE_UP = """
            UPDATE tenants SET telnyx_voice_status = 'failed', telnyx_voice_attempts = telnyx_voice_attempts + 1,
                   telnyx_voice_next_attempt_at = NULL, telnyx_voice_failure_field = ?,
                   telnyx_voice_failure_reason = ?, telnyx_voice_updated_at = ?
            WHERE id = ? AND (telnyx_voice_status IS NULL OR telnyx_voice_status = 'failed')
            """;

    private static final String NUMBER_IS_OURS = """
            SELECT EXISTS (SELECT 1 FROM tenants WHERE telnyx_voice_number = ? AND id <> ?)
                OR EXISTS (SELECT 1 FROM system_config WHERE telnyx_sms_number = ?)
            """;

    private final JdbcTemplate jdbc;

    private final Clock clock;

    private final CustomerReferences references;

    TenantVoiceRepository(JdbcTemplate jdbc, Clock clock,
            CustomerReferences references) {
        this.references = references;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The tenant's purchase state, the {@code telnyx_voice_*} columns of its row, for {@link NumberPurchaser}.
     *
     * @param areaCode the area code the tenant asked for (its phone's), or null when only its state is known
     */
    PurchaseRecord purchaseRecord(String tenantId, String areaCode) {
        return new TenantPurchase(tenantId, areaCode);
    }

    boolean activate(String tenantId, String reference, String number, String numberId, Instant at) {
        return update(ACTIVATE, number, numberId, Timestamp.from(at), TenantKey.value(tenantId), reference);
    }

    /**
     * Try again at {@code retryAt}.
     *
     * @param countsAsAttempt whether this uses up one of the tenant's attempts
     */
    boolean postpone(String tenantId, boolean countsAsAttempt, Instant retryAt, String field, String reason,
            Instant at) {
        return update(POSTPONE, countsAsAttempt ? 1 : 0, Timestamp.from(retryAt), field, reason, Timestamp.from(at),
                TenantKey.value(tenantId));
    }

    /** {@code failed} for a human; refused (false) while the tenant holds an intent or an order. */
    boolean giveUp(String tenantId, String field, String reason, Instant at) {
        return update(GIVE_UP, field, reason, Timestamp.from(at), TenantKey.value(tenantId));
    }

    private Timestamp now() {
        return Timestamp.from(this.clock.instant());
    }

    private boolean update(String sql, Object... args) {
        return this.jdbc.update(sql, args) == 1;
    }

    private final class TenantPurchase implements PurchaseRecord {

        private final String tenantId;

        private final String areaCode;

        private TenantPurchase(String tenantId, String areaCode) {
            this.tenantId = tenantId;
            this.areaCode = areaCode;
        }

        @Override
        public String subject() {
            return "tenant " + this.tenantId;
        }

        @Override
        public String reference(int seq) {
            return TenantVoiceRepository.this.references.tenant(this.tenantId, seq);
        }

        @Override
        public boolean recordIntent(int expectedSeq, String number, String reference, Tier tier) {
            try {
                return update(RECORD_INTENT, number, reference, tier.column(), this.areaCode, now(),
                        TenantKey.value(this.tenantId), expectedSeq);
            }
            catch (DuplicateKeyException ex) {
                // Another tenant holds this number already (unique index): not ours to order.
                return false;
            }
        }

        @Override
        public void recordOrder(String reference, String orderId) {
            update(RECORD_ORDER, orderId, now(), TenantKey.value(this.tenantId), reference);
        }

        @Override
        public boolean abandon(String reference, String orderId) {
            return update(ABANDON_INTENT, now(), TenantKey.value(this.tenantId), reference, orderId);
        }

        @Override
        public boolean isTaken(String number) {
            return Boolean.TRUE.equals(TenantVoiceRepository.this.jdbc.queryForObject(NUMBER_IS_OURS, Boolean.class,
                    number, TenantKey.value(this.tenantId), number));
        }

    }

}
