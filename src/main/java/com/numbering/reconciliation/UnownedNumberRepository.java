package com.numbering.reconciliation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.numbering.numbers.CustomerReferences;

/**
 * Numbers nobody owns, or held for a deactivated tenant: classified set-based from {@code inventory_snapshot},
 * remembered in {@code reconciliation_unowned_numbers} (first seen, for the release quarantine) and reported in
 * {@code reconciliation_findings} with one INSERT … SELECT each, however many there are.
 */
@Repository
class UnownedNumberRepository {

    /**
     * Numbers the account holds (not pending, failed or gone) that no tenant records and that are not the shared SMS
     * number, unless a reference or tag ties them to an active tenant (adoption's business, not this one's). "Active"
     * is the tenant mapping's ({@code numbering_tenants}); a tenant the mapping does not return is never taken for a
     * deactivated one, so its numbers are never released.
     */
    private static final String CLASSIFIED = """
            WITH classified AS (
                SELECT s.number_id, s.phone_number, s.customer_reference ~ ? AS ours,
                       CASE WHEN rec.id IS NOT NULL
                            THEN CASE WHEN rec_v.active IS FALSE THEN 'inactive-tenant-number' END
                            WHEN sms.id IS NOT NULL THEN NULL
                            WHEN hint.id IS NOT NULL
                            THEN CASE WHEN hint_v.active IS FALSE THEN 'inactive-tenant-number' END
                            ELSE 'unowned-number' END AS kind,
                       COALESCE(rec.id, hint.id) AS tenant_id
                FROM inventory_snapshot s
                LEFT JOIN tenants rec ON rec.telnyx_voice_number = s.phone_number
                LEFT JOIN numbering_tenants rec_v ON rec_v.id = rec.id
                LEFT JOIN system_config sms ON sms.telnyx_sms_number = s.phone_number
                LEFT JOIN tenants hint ON hint.id = s.tenant_hint
                LEFT JOIN numbering_tenants hint_v ON hint_v.id = hint.id
                WHERE s.status NOT IN ('purchase-pending', 'purchase-failed', 'deleted', 'ported-out')
            )
            """;

    private static final String REMEMBER = CLASSIFIED + """
            INSERT INTO reconciliation_unowned_numbers (phone_number, telnyx_number_id, kind, tenant_id,
                                                        first_seen_at, last_seen_at)
            SELECT DISTINCT ON (phone_number) phone_number, number_id, kind, tenant_id, ?, ?
            FROM classified WHERE kind IS NOT NULL ORDER BY phone_number, number_id
            ON CONFLICT (phone_number) DO UPDATE SET telnyx_number_id = EXCLUDED.telnyx_number_id,
                   kind = EXCLUDED.kind, tenant_id = EXCLUDED.tenant_id, last_seen_at = EXCLUDED.last_seen_at
            """;

    /** Owned again, or gone: the quarantine starts over if it ever comes back. */
    private static final String FORGET_OWNED = "DELETE FROM reconciliation_unowned_numbers WHERE last_seen_at < ?";

    /**
     * One finding per number; in a dry run the remembered table is not written, so the first sighting comes from it
     * when present and is "now" otherwise.
     */
    private static final String REPORT = CLASSIFIED + """
            INSERT INTO reconciliation_findings (job_execution_id, kind, phone_number, tenant_id, telnyx_number_id,
                                                 action, details, dry_run)
            SELECT ?, c.kind, c.phone_number, c.tenant_id, c.number_id, 'reported',
                   CASE WHEN c.ours IS NOT TRUE THEN 'never released: not bought by this service (no customer '
                             || 'reference of ours)'
                        WHEN NOT ? THEN 'release policy off'
                        WHEN COALESCE(u.first_seen_at, ?) > ? THEN 'in quarantine until '
                             || to_char((COALESCE(u.first_seen_at, ?) + ?::interval) AT TIME ZONE 'UTC',
                                        'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                        ELSE 'release due' END, ?
            FROM classified c LEFT JOIN reconciliation_unowned_numbers u ON u.phone_number = c.phone_number
            WHERE c.kind IS NOT NULL
            """;

    /**
     * The oldest sightings first, among the numbers this run reported; re-checked against our tables at this instant
     * (a tenant may have claimed one, or been reactivated, since the snapshot).
     */
    private static final String DUE = """
            SELECT u.phone_number, u.telnyx_number_id, u.kind, u.tenant_id FROM reconciliation_unowned_numbers u
            WHERE u.first_seen_at <= ?
              AND EXISTS (SELECT 1 FROM reconciliation_findings f WHERE f.job_execution_id = ?
                          AND f.phone_number = u.phone_number AND f.kind IN ('unowned-number', 'inactive-tenant-number'))
              AND NOT EXISTS (SELECT 1 FROM system_config c WHERE c.telnyx_sms_number = u.phone_number)
              AND EXISTS (SELECT 1 FROM inventory_snapshot s WHERE s.phone_number = u.phone_number
                          AND s.customer_reference ~ ?)
              AND NOT EXISTS (SELECT 1 FROM tenants t LEFT JOIN numbering_tenants v ON v.id = t.id
                              WHERE v.active IS NOT FALSE
                                AND (t.telnyx_voice_number = u.phone_number OR t.id = u.tenant_id))
            ORDER BY u.first_seen_at, u.phone_number LIMIT ?
            """;

    private static final String RESOLVE = """
            UPDATE reconciliation_findings SET action = ?, details = ?
            WHERE job_execution_id = ? AND phone_number = ? AND kind IN ('unowned-number', 'inactive-tenant-number')
            """;

    private static final String OVER_CAP = """
            UPDATE reconciliation_findings SET details = ?
            WHERE job_execution_id = ? AND details = 'release due'
            """;

    private static final String RELEASED = "DELETE FROM reconciliation_unowned_numbers WHERE phone_number = ?";

    private final JdbcTemplate jdbc;

    private final Clock clock;

    /**
     * The customer references this deployment gives its orders ({@link CustomerReferences}): only a number carrying
     * one was bought by us, and only such a number may ever be released. A number bought by hand, by another product
     * or deployment, or with no reference is reported, never released.
     */
    private final String ours;

    UnownedNumberRepository(JdbcTemplate jdbc, Clock clock,
            CustomerReferences references) {
        this.ours = references.ownedRegex();
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records first and last sightings; numbers no longer unowned are forgotten. Not in a dry run. Two statements,
     * each committed by itself: a crash between them leaves forgetting to the next run, whose sightings are newer.
     */
    void remember() {
        Timestamp now = Timestamp.from(this.clock.instant());
        this.jdbc.update(REMEMBER, this.ours, now, now);
        this.jdbc.update(FORGET_OWNED, now);
    }

    /** @return how many numbers were reported */
    int report(Run run, ReconciliationProperties policy) {
        Timestamp now = Timestamp.from(this.clock.instant());
        Timestamp cutoff = Timestamp.from(this.clock.instant().minus(policy.releaseQuarantine()));
        String quarantine = policy.releaseQuarantine().toSeconds() + " seconds";
        return this.jdbc.update(REPORT, this.ours, run.jobExecutionId(), policy.releaseEnabled(), now, cutoff, now,
                quarantine, run.dryRun());
    }

    List<Unowned> dueForRelease(Run run, Duration quarantine, int cap) {
        Timestamp cutoff = Timestamp.from(this.clock.instant().minus(quarantine));
        return this.jdbc.query(DUE, (rs, i) -> new Unowned(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4)), cutoff, run.jobExecutionId(), this.ours, cap);
    }

    void resolve(Run run, String phoneNumber, String action, String details) {
        this.jdbc.update(RESOLVE, action, details, run.jobExecutionId(), phoneNumber);
    }

    void released(String phoneNumber) {
        this.jdbc.update(RELEASED, phoneNumber);
    }

    void overCap(Run run, int cap) {
        this.jdbc.update(OVER_CAP, "release due, over this run's cap of " + cap, run.jobExecutionId());
    }

    record Unowned(String phoneNumber, String numberId, String kind, String tenantId) {
    }

}
