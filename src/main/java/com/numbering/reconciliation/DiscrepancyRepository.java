package com.numbering.reconciliation;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.numbering.adoption.TenantKey;
import com.numbering.numbers.PurchaseStatus;

/**
 * The set-based comparisons of {@code inventory_snapshot} with {@code tenants} and {@code system_config}: joins in
 * PostgreSQL, read a batch at a time in key order (keyset), so that memory is bounded by the batch, not by the
 * number of differences. Tenant rows changed after listing began are left to the next run. "Gone" statuses are
 * those of a number the account no longer holds, or is losing: deleted, ported-out, port-out-pending.
 */
@Repository
class DiscrepancyRepository {

    private static final String PENDING_ORDERS = """
            SELECT t.id, t.telnyx_voice_number, t.telnyx_voice_customer_reference, t.telnyx_voice_order_id,
                   s.number_id, s.status
            FROM tenants t
            LEFT JOIN LATERAL (SELECT number_id, status FROM inventory_snapshot s
                               WHERE s.phone_number = t.telnyx_voice_number
                               ORDER BY s.status = 'active' DESC LIMIT 1) s ON TRUE
            WHERE t.telnyx_voice_status = 'ordered' AND t.telnyx_voice_number IS NOT NULL
              AND COALESCE(t.telnyx_voice_updated_at, '-infinity') < ? AND (CAST(? AS text) IS NULL OR t.id > ?)
            ORDER BY t.id LIMIT ?
            """;

    /** Active numbers tied to an active tenant by reference or tag, recorded nowhere. */
    private static final String UNRECORDED = """
            SELECT s.number_id, s.phone_number, s.customer_reference, t.id, t.telnyx_voice_status
            FROM inventory_snapshot s JOIN tenants t ON t.id = s.tenant_hint
            JOIN numbering_tenants v ON v.id = t.id
            WHERE s.status = 'active' AND v.active
              AND NOT EXISTS (SELECT 1 FROM tenants o WHERE o.telnyx_voice_number = s.phone_number)
              AND NOT EXISTS (SELECT 1 FROM system_config c WHERE c.telnyx_sms_number = s.phone_number)
              AND s.number_id > ?
            ORDER BY s.number_id LIMIT ?
            """;

    private static final String LOST = """
            SELECT t.id, t.telnyx_voice_number, t.telnyx_voice_number_id, s.status
            FROM tenants t
            LEFT JOIN LATERAL (SELECT status FROM inventory_snapshot s WHERE s.phone_number = t.telnyx_voice_number
                               ORDER BY s.status IN ('deleted', 'ported-out', 'port-out-pending')
                               LIMIT 1) s ON TRUE
            JOIN numbering_tenants v ON v.id = t.id
            WHERE t.telnyx_voice_status = 'active' AND v.active AND t.telnyx_voice_number IS NOT NULL
              AND (s.status IS NULL OR s.status IN ('deleted', 'ported-out', 'port-out-pending'))
              AND COALESCE(t.telnyx_voice_updated_at, '-infinity') < ? AND (CAST(? AS text) IS NULL OR t.id > ?)
            ORDER BY t.id LIMIT ?
            """;

    private static final String WRONG_CONNECTION = """
            SELECT s.number_id, s.phone_number, s.connection_id, t.id
            FROM tenants t JOIN inventory_snapshot s ON s.phone_number = t.telnyx_voice_number
            JOIN numbering_tenants v ON v.id = t.id
            WHERE t.telnyx_voice_status = 'active' AND v.active AND s.status = 'active'
              AND s.connection_id IS DISTINCT FROM ? AND s.number_id > ?
            ORDER BY s.number_id LIMIT ?
            """;

    private static final String SMS_DRIFT = """
            SELECT s.number_id, s.phone_number, s.messaging_profile_id, c.telnyx_sms_messaging_profile_id
            FROM system_config c JOIN inventory_snapshot s ON s.phone_number = c.telnyx_sms_number
            WHERE c.id = 1 AND c.telnyx_sms_messaging_profile_id IS NOT NULL AND s.status = 'active'
              AND s.messaging_profile_id IS DISTINCT FROM c.telnyx_sms_messaging_profile_id
            LIMIT 1
            """;

    private final JdbcTemplate jdbc;

    DiscrepancyRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param afterTenantId the last tenant of the previous batch, null for the first */
    List<PendingOrder> pendingOrders(Run run, String afterTenantId, int limit) {
        return this.jdbc.query(PENDING_ORDERS, (rs, i) -> new PendingOrder(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)), stagedFrom(run),
                TenantKey.value(afterTenantId), TenantKey.value(afterTenantId), limit);
    }

    List<UnrecordedNumber> unrecordedNumbers(String afterNumberId, int limit) {
        return this.jdbc.query(UNRECORDED, (rs, i) -> new UnrecordedNumber(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), PurchaseStatus.of(rs.getString(5))), afterNumberId, limit);
    }

    List<LostNumber> lostNumbers(Run run, String afterTenantId, int limit) {
        return this.jdbc.query(LOST, (rs, i) -> new LostNumber(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4)), stagedFrom(run), TenantKey.value(afterTenantId), TenantKey.value(afterTenantId),
                limit);
    }

    List<MisattachedNumber> wrongConnections(String connectionId, String afterNumberId, int limit) {
        return this.jdbc.query(WRONG_CONNECTION, (rs, i) -> new MisattachedNumber(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4)), connectionId, afterNumberId, limit);
    }

    Optional<MisattachedNumber> smsProfileDrift() {
        return this.jdbc.query(SMS_DRIFT, (rs, i) -> new MisattachedNumber(rs.getString(1), rs.getString(2),
                rs.getString(3), null, rs.getString(4))).stream().findFirst();
    }

    private static Timestamp stagedFrom(Run run) {
        return Timestamp.from(run.stagedFrom());
    }

    /** A tenant left {@code ordered}, and what the inventory says of its number (null: absent). */
    record PendingOrder(String tenantId, String phoneNumber, String customerReference, String orderId,
            String numberId, String inventoryStatus) {
    }

    /** @param tenantStatus the tenant's purchase status, null when it never attempted one */
    record UnrecordedNumber(String numberId, String phoneNumber, String customerReference, String tenantId,
            PurchaseStatus tenantStatus) {
    }

    /** @param inventoryStatus null when the number is absent from the inventory */
    record LostNumber(String tenantId, String phoneNumber, String numberId, String inventoryStatus) {
    }

    /** @param current the connection (or messaging profile) the number is on; {@code wanted} the one it should be */
    record MisattachedNumber(String numberId, String phoneNumber, String current, String tenantId, String wanted) {

        MisattachedNumber(String numberId, String phoneNumber, String current, String tenantId) {
            this(numberId, phoneNumber, current, tenantId, null);
        }

    }

}
