package com.numbering.reconciliation;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.item.support.CompositeItemReader;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import com.numbering.numbers.PurchaseStatus;

/**
 * The set-based comparisons of {@code inventory_snapshot} with {@code tenants} and {@code system_config}: joins in
 * PostgreSQL, read by a paging reader a page at a time in key order (keyset), so that memory is bounded by the page,
 * not by the number of differences. Each comparison is a derived table (its joins and predicates) that the reader
 * pages on its key column, {@code key > last key read}: a row that a repair takes out of the comparison never shifts
 * the next page, as an offset would. Tenant rows changed after listing began are left to the next run. "Gone"
 * statuses are those of a number the account no longer holds, or is losing: deleted, ported-out, port-out-pending.
 * <p>
 * The readers keep no restart state: every comparison finds only what is still different, against an inventory
 * staged again on a restart, so a restarted step reads from the start; a position saved against the last
 * snapshot would skip what the new one finds before it.
 * <p>
 * Public, with its rows, only because the build's ahead-of-time code for the step-scoped readers (process-aot) names
 * their item types from Spring Batch's package; nothing in it is public but those record types.
 */
@Repository
public class DiscrepancyRepository {

    private static final String PENDING_ORDERS = """
            (SELECT t.id AS tenant_id, t.telnyx_voice_number AS phone_number,
                    t.telnyx_voice_customer_reference AS customer_reference, t.telnyx_voice_order_id AS order_id,
                    s.number_id, s.status AS inventory_status
             FROM tenants t
             LEFT JOIN LATERAL (SELECT number_id, status FROM inventory_snapshot s
                                WHERE s.phone_number = t.telnyx_voice_number
                                ORDER BY s.status = 'active' DESC LIMIT 1) s ON TRUE
             WHERE t.telnyx_voice_status = 'ordered' AND t.telnyx_voice_number IS NOT NULL
               AND COALESCE(t.telnyx_voice_updated_at, '-infinity') < :stagedFrom) AS pending_orders
            """;

    /** Active numbers tied to an active tenant by reference or tag, recorded nowhere. */
    private static final String UNRECORDED = """
            (SELECT s.number_id, s.phone_number, s.customer_reference, t.id AS tenant_id,
                    t.telnyx_voice_status AS tenant_status
             FROM inventory_snapshot s JOIN tenants t ON t.id = s.tenant_hint
             JOIN numbering_tenants v ON v.id = t.id
             WHERE s.status = 'active' AND v.active
               AND NOT EXISTS (SELECT 1 FROM tenants o WHERE o.telnyx_voice_number = s.phone_number)
               AND NOT EXISTS (SELECT 1 FROM system_config c WHERE c.telnyx_sms_number = s.phone_number))
             AS unrecorded_numbers
            """;

    private static final String LOST = """
            (SELECT t.id AS tenant_id, t.telnyx_voice_number AS phone_number, t.telnyx_voice_number_id AS number_id,
                    s.status AS inventory_status
             FROM tenants t
             LEFT JOIN LATERAL (SELECT status FROM inventory_snapshot s WHERE s.phone_number = t.telnyx_voice_number
                                ORDER BY s.status IN ('deleted', 'ported-out', 'port-out-pending')
                                LIMIT 1) s ON TRUE
             JOIN numbering_tenants v ON v.id = t.id
             WHERE t.telnyx_voice_status = 'active' AND v.active AND t.telnyx_voice_number IS NOT NULL
               AND (s.status IS NULL OR s.status IN ('deleted', 'ported-out', 'port-out-pending'))
               AND COALESCE(t.telnyx_voice_updated_at, '-infinity') < :stagedFrom) AS lost_numbers
            """;

    private static final String WRONG_CONNECTION = """
            (SELECT s.number_id, s.phone_number, s.connection_id AS current, t.id AS tenant_id
             FROM tenants t JOIN inventory_snapshot s ON s.phone_number = t.telnyx_voice_number
             JOIN numbering_tenants v ON v.id = t.id
             WHERE t.telnyx_voice_status = 'active' AND v.active AND s.status = 'active'
               AND s.connection_id IS DISTINCT FROM :connectionId) AS wrong_connections
            """;

    /** One row at most is read: the shared number is one number. */
    private static final String SMS_DRIFT = """
            (SELECT s.number_id, s.phone_number, s.messaging_profile_id AS current,
                    c.telnyx_sms_messaging_profile_id AS wanted
             FROM system_config c JOIN inventory_snapshot s ON s.phone_number = c.telnyx_sms_number
             WHERE c.id = 1 AND c.telnyx_sms_messaging_profile_id IS NOT NULL AND s.status = 'active'
               AND s.messaging_profile_id IS DISTINCT FROM c.telnyx_sms_messaging_profile_id) AS sms_drift
            """;

    private final DataSource dataSource;

    /** Differences read at once (one page): memory stays bounded however many there are. */
    private final int pageSize;

    DiscrepancyRepository(DataSource dataSource, ReconciliationProperties properties) {
        this.dataSource = dataSource;
        this.pageSize = properties.repairBatchSize();
    }

    JdbcPagingItemReader<PendingOrder> pendingOrders(Run run) {
        return build(reader("pendingOrdersReader", PENDING_ORDERS, "tenant_id", stagedFrom(run), this.pageSize,
                (rs, i) -> new PendingOrder(rs.getString("tenant_id"), rs.getString("phone_number"),
                        rs.getString("customer_reference"), rs.getString("order_id"), rs.getString("number_id"),
                        rs.getString("inventory_status"))));
    }

    JdbcPagingItemReader<UnrecordedNumber> unrecordedNumbers() {
        return build(reader("unrecordedNumbersReader", UNRECORDED, "number_id", Map.of(), this.pageSize,
                (rs, i) -> new UnrecordedNumber(rs.getString("number_id"), rs.getString("phone_number"),
                        rs.getString("customer_reference"), rs.getString("tenant_id"),
                        PurchaseStatus.of(rs.getString("tenant_status")))));
    }

    JdbcPagingItemReader<LostNumber> lostNumbers(Run run) {
        return build(reader("lostNumbersReader", LOST, "tenant_id", stagedFrom(run), this.pageSize,
                (rs, i) -> new LostNumber(rs.getString("tenant_id"), rs.getString("phone_number"),
                        rs.getString("number_id"), rs.getString("inventory_status"))));
    }

    /** Tenant numbers off the voice connection, then the shared SMS number off its messaging profile. */
    CompositeItemReader<MisattachedNumber> misattachedNumbers(String connectionId) {
        JdbcPagingItemReader<MisattachedNumber> connections = build(reader("wrongConnectionsReader", WRONG_CONNECTION,
                "number_id", Map.of("connectionId", connectionId), this.pageSize,
                (rs, i) -> new MisattachedNumber(FindingKind.WRONG_CONNECTION, rs.getString("number_id"),
                        rs.getString("phone_number"), rs.getString("current"), rs.getString("tenant_id"),
                        connectionId)));
        JdbcPagingItemReader<MisattachedNumber> sms = build(reader("smsProfileDriftReader", SMS_DRIFT, "number_id",
                Map.of(), 1, (rs, i) -> new MisattachedNumber(FindingKind.SMS_PROFILE_DRIFT,
                        rs.getString("number_id"), rs.getString("phone_number"), rs.getString("current"), null,
                        rs.getString("wanted")))
            .maxItemCount(1));
        return new CompositeItemReader<>(List.<ItemStreamReader<? extends MisattachedNumber>>of(connections, sms));
    }

    private <T> JdbcPagingItemReaderBuilder<T> reader(String name, String comparison, String key,
            Map<String, Object> parameters, int pageSize, RowMapper<T> row) {
        return new JdbcPagingItemReaderBuilder<T>().name(name)
            .dataSource(this.dataSource)
            .selectClause("*")
            .fromClause(comparison)
            .parameterValues(parameters)
            .sortKeys(Map.of(key, Order.ASCENDING))
            .pageSize(pageSize)
            .rowMapper(row)
            .saveState(false);
    }

    /** {@code build()} declares {@code Exception}: it asks the database which dialect to page in, and checks the SQL. */
    private static <T> JdbcPagingItemReader<T> build(JdbcPagingItemReaderBuilder<T> reader) {
        try {
            return reader.build();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Cannot build the reader of a comparison", ex);
        }
    }

    private static Map<String, Object> stagedFrom(Run run) {
        return Map.of("stagedFrom", Timestamp.from(run.stagedFrom()));
    }

    /** A tenant left {@code ordered}, and what the inventory says of its number (null: absent). */
    public record PendingOrder(String tenantId, String phoneNumber, String customerReference, String orderId,
            String numberId, String inventoryStatus) {
    }

    /** @param tenantStatus the tenant's purchase status, null when it never attempted one */
    public record UnrecordedNumber(String numberId, String phoneNumber, String customerReference, String tenantId,
            PurchaseStatus tenantStatus) {
    }

    /** @param inventoryStatus null when the number is absent from the inventory */
    public record LostNumber(String tenantId, String phoneNumber, String numberId, String inventoryStatus) {
    }

    /**
     * A number on the wrong setting: {@code WRONG_CONNECTION} (the voice connection) or {@code SMS_PROFILE_DRIFT}
     * (the shared number's messaging profile).
     *
     * @param current the connection (or messaging profile) the number is on; {@code wanted} the one it should be
     */
    public record MisattachedNumber(FindingKind kind, String numberId, String phoneNumber, String current,
            String tenantId, String wanted) {
    }

}
