package com.numbering.alerts;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether alerts may leave now: the shared SMS number as {@code setupSharedSmsNumberJob} left it in
 * {@code system_config} (set up, its 10DLC campaign assigned) and not held by the delivery check (carriers refusing
 * the number itself).
 */
@Component
class SenderReadiness {

    private static final String SENDER = """
            SELECT telnyx_sms_number, telnyx_sms_status, telnyx_sms_campaign_status, telnyx_sms_messaging_profile_id,
                   telnyx_sms_allowed_destinations, telnyx_sms_hold_reason
            FROM system_config WHERE id = 1
            """;

    private final JdbcTemplate jdbc;

    SenderReadiness(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param allowUnassignedCampaign send without an assigned 10DLC campaign (test accounts only)
     */
    Readiness check(boolean allowUnassignedCampaign) {
        List<Readiness> rows = this.jdbc.query(SENDER, (rs, i) -> {
            String number = rs.getString(1);
            if (number == null || !"active".equals(rs.getString(2))) {
                return Readiness.blocked("no_shared_number",
                        "the shared SMS number is not set up: run setupSharedSmsNumberJob");
            }
            String campaign = rs.getString(3);
            if (!"ASSIGNED".equals(campaign) && !allowUnassignedCampaign) {
                return Readiness.blocked("campaign_not_assigned", "the shared SMS number's 10DLC campaign is "
                        + (campaign == null ? "unknown" : campaign) + ", not ASSIGNED: carriers would drop the alerts "
                        + "(README, section 10DLC)");
            }
            String hold = rs.getString(6);
            if (hold != null) {
                return Readiness.blocked("carrier_refused_sender", "carriers refuse the shared SMS number (" + hold
                        + "): fix its 10DLC registration, then rerun setupSharedSmsNumberJob (README, section 10DLC)");
            }
            return new Readiness(number, rs.getString(4), DestinationCountries.parse(rs.getString(5)), null, null);
        });
        return rows.isEmpty() ? Readiness.blocked("no_shared_number", "system_config has no row") : rows.get(0);
    }

    /** @param number the sender, or null when blocked */
    record Readiness(String number, String profileId, DestinationCountries destinations, String blockedBy,
            String reason) {

        static Readiness blocked(String blockedBy, String reason) {
            return new Readiness(null, null, null, blockedBy, reason);
        }

        boolean ready() {
            return this.number != null;
        }

    }

}
