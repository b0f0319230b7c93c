package com.numbering.reconciliation;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.numbering.adoption.TenantKey;
import com.numbering.numbers.CustomerReferences;
import com.numbering.telnyx.TelnyxGateway.OwnedNumber;

/** {@code inventory_snapshot}: one run's copy of the account inventory, a page at a time. */
@Repository
class InventorySnapshotRepository {

    private static final String CLEAR = "TRUNCATE inventory_snapshot";

    /**
     * Telnyx lists newest first, so a purchase during paging pushes a number onto the next page too: the number id
     * is the key, and the later copy wins.
     */
    private static final String STAGE = """
            INSERT INTO inventory_snapshot (number_id, phone_number, status, connection_id, messaging_profile_id,
                                            customer_reference, tenant_hint, staged_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (number_id) DO UPDATE SET phone_number = EXCLUDED.phone_number, status = EXCLUDED.status,
                   connection_id = EXCLUDED.connection_id, messaging_profile_id = EXCLUDED.messaging_profile_id,
                   customer_reference = EXCLUDED.customer_reference, tenant_hint = EXCLUDED.tenant_hint,
                   staged_at = EXCLUDED.staged_at
            """;

    private static final String COUNT = "SELECT count(*) FROM inventory_snapshot";

    /** Before the snapshot is cleared: the last run's inventory, or at least the numbers tenants hold. */
    private static final String EXPECTED_SIZE = """
            SELECT greatest((SELECT count(*) FROM inventory_snapshot),
                            (SELECT count(*) FROM tenants WHERE telnyx_voice_number_id IS NOT NULL))
            """;


    /** {@code tenant-<id>}: a tag ops may put on a number bought by hand for a tenant. */
    private static final Pattern TAG = Pattern.compile("tenant-(.+)");

    private final JdbcTemplate jdbc;

    private final TenantKey key;

    /** {@code tenant-<id>-<n>}: the provisioning job's customer reference (an id may contain '-': a UUID). */
    private final Pattern reference;

    InventorySnapshotRepository(JdbcTemplate jdbc, TenantKey key, CustomerReferences references) {
        this.reference = references.tenantReference();
        this.jdbc = jdbc;
        this.key = key;
    }

    void clear() {
        this.jdbc.execute(CLEAR);
    }

    void stage(List<OwnedNumber> page, Instant at) {
        Timestamp stagedAt = Timestamp.from(at);
        this.jdbc.batchUpdate(STAGE, page, page.size(), (ps, n) -> {
            ps.setString(1, n.id());
            ps.setString(2, n.phoneNumber());
            ps.setString(3, n.status());
            ps.setString(4, n.connectionId());
            ps.setString(5, n.messagingProfileId());
            ps.setString(6, n.customerReference());
            ps.setObject(7, tenantHint(n, this.key, this.reference), Types.OTHER);
            ps.setTimestamp(8, stagedAt);
        });
    }

    long expectedSize() {
        Long count = this.jdbc.queryForObject(EXPECTED_SIZE, Long.class);
        return count == null ? 0 : count;
    }

    long count() {
        Long count = this.jdbc.queryForObject(COUNT, Long.class);
        return count == null ? 0 : count;
    }

    /**
     * The tenant the number's customer reference, or else one of its tags, names; null when none does. An id that
     * cannot be a value of the tenant key (letters for an integer key, say) names no tenant.
     */
    static String tenantHint(OwnedNumber number, TenantKey key, Pattern ours) {
        if (number.customerReference() != null) {
            Matcher reference = ours.matcher(number.customerReference());
            if (reference.matches() && key.accepts(reference.group(1))) {
                return reference.group(1);
            }
        }
        for (String tag : number.tags()) {
            Matcher matcher = TAG.matcher(tag);
            if (matcher.matches() && key.accepts(matcher.group(1))) {
                return matcher.group(1);
            }
        }
        return null;
    }

}
