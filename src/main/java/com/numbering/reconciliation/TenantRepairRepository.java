package com.numbering.reconciliation;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.numbering.adoption.TenantKey;

/**
 * The repairs reconciliation makes to {@code tenants}. Each is one statement that commits by itself, and changes a row
 * only from the state the comparison saw (compare-and-set), as the provisioning job's transitions do, so that a
 * provisioning run working at the same moment always wins and nothing is overwritten with a stale view.
 */
@Repository
class TenantRepairRepository {

    /** The same columns provisionVoiceNumbersJob sets when it activates a tenant. */
    private static final String ACTIVATE_ORDERED = """
            UPDATE tenants SET telnyx_voice_status = 'active', telnyx_voice_number_id = ?,
                   telnyx_voice_attempts = 0, telnyx_voice_next_attempt_at = NULL, telnyx_voice_failure_field = NULL,
                   telnyx_voice_failure_reason = NULL, telnyx_voice_updated_at = ?
            WHERE id = ? AND telnyx_voice_status = 'ordered' AND telnyx_voice_number = ?
              AND telnyx_voice_customer_reference IS NOT DISTINCT FROM ?
            """;

    /** The provisioning job picks a tenant with status NULL again; the reference sequence is never reset. */
    private static final String CLEAR_INTENT = """
            UPDATE tenants SET telnyx_voice_status = NULL, telnyx_voice_number = NULL, telnyx_voice_order_id = NULL,
                   telnyx_voice_number_id = NULL, telnyx_voice_next_attempt_at = NULL,
                   telnyx_voice_failure_field = 'reconciliation', telnyx_voice_failure_reason = ?,
                   telnyx_voice_updated_at = ?
            WHERE id = ? AND telnyx_voice_status = 'ordered' AND telnyx_voice_number = ?
              AND telnyx_voice_customer_reference IS NOT DISTINCT FROM ?
            """;

    private static final String ADOPT = """
            UPDATE tenants SET telnyx_voice_status = 'active', telnyx_voice_number = ?, telnyx_voice_number_id = ?,
                   telnyx_voice_customer_reference = COALESCE(?, telnyx_voice_customer_reference),
                   telnyx_voice_reference_seq = GREATEST(telnyx_voice_reference_seq, ?), telnyx_voice_order_id = NULL,
                   telnyx_voice_attempts = 0, telnyx_voice_next_attempt_at = NULL, telnyx_voice_failure_field = NULL,
                   telnyx_voice_failure_reason = NULL, telnyx_voice_updated_at = ?
            WHERE id = ? AND (telnyx_voice_status IS NULL OR telnyx_voice_status = 'failed')
              AND EXISTS (SELECT 1 FROM numbering_tenants v WHERE v.id = tenants.id AND v.active)
            """;

    private static final String MARK_FOR_REPROVISIONING = """
            UPDATE tenants SET telnyx_voice_status = NULL, telnyx_voice_number = NULL, telnyx_voice_number_id = NULL,
                   telnyx_voice_order_id = NULL, telnyx_voice_customer_reference = NULL, telnyx_voice_attempts = 0,
                   telnyx_voice_next_attempt_at = NULL, telnyx_voice_failure_field = 'reconciliation',
                   telnyx_voice_failure_reason = ?, telnyx_voice_updated_at = ?
            WHERE id = ? AND telnyx_voice_number = ? AND telnyx_voice_status IN ('active', 'failed')
            """;

    /** A deactivated tenant whose number was released keeps no trace of it. */
    private static final String FORGET_RELEASED = """
            UPDATE tenants SET telnyx_voice_status = NULL, telnyx_voice_number = NULL, telnyx_voice_number_id = NULL,
                   telnyx_voice_order_id = NULL, telnyx_voice_failure_field = 'reconciliation',
                   telnyx_voice_failure_reason = ?, telnyx_voice_updated_at = ?
            WHERE id = ? AND telnyx_voice_number = ?
              AND EXISTS (SELECT 1 FROM numbering_tenants v WHERE v.id = tenants.id AND NOT v.active)
            """;

    private final JdbcTemplate jdbc;

    private final Clock clock;

    TenantRepairRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean activateOrdered(String tenantId, String number, String reference, String numberId) {
        return update(ACTIVATE_ORDERED, numberId, now(), TenantKey.value(tenantId), number, reference);
    }

    boolean clearIntent(String tenantId, String number, String reference, String reason) {
        return update(CLEAR_INTENT, reason, now(), TenantKey.value(tenantId), number, reference);
    }

    /**
     * @param reference the number's customer reference when it is one of this tenant's ({@code tenant-<id>-<n>})
     * @param seq its {@code <n>} (0 when none), so that no later order reuses it
     */
    boolean adopt(String tenantId, String number, String numberId, String reference, int seq) {
        try {
            return update(ADOPT, number, numberId, reference, seq, now(), TenantKey.value(tenantId));
        }
        catch (DuplicateKeyException ex) {
            // The number (or reference) was recorded elsewhere meanwhile: not this tenant's to take.
            return false;
        }
    }

    boolean markForReprovisioning(String tenantId, String number, String reason) {
        return update(MARK_FOR_REPROVISIONING, reason, now(), TenantKey.value(tenantId), number);
    }

    boolean forgetReleased(String tenantId, String number, String reason) {
        return update(FORGET_RELEASED, reason, now(), TenantKey.value(tenantId), number);
    }

    private Timestamp now() {
        return Timestamp.from(this.clock.instant());
    }

    private boolean update(String sql, Object... args) {
        return this.jdbc.update(sql, args) == 1;
    }

}
