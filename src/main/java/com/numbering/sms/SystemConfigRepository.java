package com.numbering.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;


import com.numbering.numbers.PurchaseStatus;
import com.numbering.numbers.Tier;

/**
 * The shared SMS number's columns of {@code system_config} (one row, id 1). Each transition commits on its own,
 * before the Telnyx call it guards, compare-and-set like a tenant's voice number.
 */
@Repository
class SystemConfigRepository {

    private static final String LOAD = """
            SELECT telnyx_sms_status, telnyx_sms_number, telnyx_sms_number_id, telnyx_sms_messaging_profile_id,
                   telnyx_sms_customer_reference, telnyx_sms_order_id, telnyx_sms_reference_seq,
                   telnyx_sms_campaign_status
            FROM system_config WHERE id = 1
            """;

    private static final String RECORD_INTENT = """
            UPDATE system_config SET telnyx_sms_status = 'available', telnyx_sms_number = ?,
                   telnyx_sms_customer_reference = ?, telnyx_sms_reference_seq = telnyx_sms_reference_seq + 1,
                   telnyx_sms_tier = ?, telnyx_sms_order_id = NULL, telnyx_sms_number_id = NULL, updated_at = ?
            WHERE id = 1 AND telnyx_sms_reference_seq = ? AND telnyx_sms_status IS NULL
            """;

    private static final String RECORD_ORDER = """
            UPDATE system_config SET telnyx_sms_status = 'ordered', telnyx_sms_order_id = ?, updated_at = ?
            WHERE id = 1 AND telnyx_sms_customer_reference = ? AND telnyx_sms_status IN ('available', 'ordered')
            """;

    private static final String ABANDON = """
            UPDATE system_config SET telnyx_sms_status = NULL, telnyx_sms_number = NULL, telnyx_sms_order_id = NULL,
                   updated_at = ?
            WHERE id = 1 AND telnyx_sms_customer_reference = ?
              AND (telnyx_sms_status = 'available' AND telnyx_sms_order_id IS NULL
                   OR telnyx_sms_status = 'ordered' AND telnyx_sms_order_id = ?)
            """;

    private static final String ACTIVATE = """
            UPDATE system_config SET telnyx_sms_status = 'active', telnyx_sms_number = ?, telnyx_sms_number_id = ?,
                   updated_at = ?
            WHERE id = 1
            """;

    private static final String PROFILE = """
            UPDATE system_config SET telnyx_sms_messaging_profile_id = ?, updated_at = ? WHERE id = 1
            """;

    private static final String DRIFT = """
            UPDATE system_config SET telnyx_sms_profile_drift = ?, telnyx_sms_profile_repaired_at = ?, updated_at = ?
            WHERE id = 1
            """;

    private static final String CAMPAIGN = """
            UPDATE system_config SET telnyx_sms_campaign_status = ?, telnyx_sms_campaign_id = ?,
                   telnyx_sms_campaign_checked_at = ?
            WHERE id = 1
            """;

    private static final String DESTINATIONS = """
            UPDATE system_config SET telnyx_sms_allowed_destinations = ?, updated_at = ?
            WHERE id = 1 AND telnyx_sms_allowed_destinations IS DISTINCT FROM ?
            """;

    private static final String RELEASE_HOLD = """
            UPDATE system_config SET telnyx_sms_hold_reason = NULL, telnyx_sms_held_at = NULL, updated_at = ?
            WHERE id = 1 AND telnyx_sms_hold_reason IS NOT NULL
            RETURNING 1
            """;

    private static final String TENANT_NUMBER = "SELECT EXISTS (SELECT 1 FROM tenants WHERE telnyx_voice_number = ?)";

    private final JdbcTemplate jdbc;

    private final Clock clock;

    SystemConfigRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    SharedSmsState load() {
        return this.jdbc.queryForObject(LOAD, (rs, i) -> new SharedSmsState(PurchaseStatus.of(rs.getString(1)), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8)));
    }

    boolean recordIntent(int expectedSeq, String number, String reference, Tier tier) {
        return update(RECORD_INTENT, number, reference, tier.column(), now(), expectedSeq);
    }

    void recordOrder(String reference, String orderId) {
        update(RECORD_ORDER, orderId, now(), reference);
    }

    boolean abandon(String reference, String orderId) {
        return update(ABANDON, now(), reference, orderId);
    }

    void activate(String number, String numberId) {
        update(ACTIVATE, number, numberId, now());
    }

    void recordProfile(String profileId) {
        update(PROFILE, profileId, now());
    }

    void recordDrift(String drift) {
        update(DRIFT, drift, now(), now());
    }

    void recordCampaign(String status, String campaignId) {
        update(CAMPAIGN, status, campaignId, now());
    }

    /** Where the profile lets alerts go, for the dispatcher to refuse other recipients before spending a request. */
    void recordDestinations(List<String> destinations) {
        String joined = String.join(",", destinations.stream().sorted().toList());
        this.jdbc.update(DESTINATIONS, joined, now(), joined);
    }

    /** @return the hold the delivery check had put (carriers refusing the number), now released; empty if none */
    boolean releaseHold() {
        return !this.jdbc.queryForList(RELEASE_HOLD, Integer.class, now()).isEmpty();
    }

    /** Tenant voice numbers never send SMS. */
    boolean isTenantNumber(String number) {
        return Boolean.TRUE.equals(this.jdbc.queryForObject(TENANT_NUMBER, Boolean.class, number));
    }

    private Timestamp now() {
        return Timestamp.from(this.clock.instant());
    }

    private boolean update(String sql, Object... args) {
        return this.jdbc.update(sql, args) == 1;
    }

}
