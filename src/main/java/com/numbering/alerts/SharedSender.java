package com.numbering.alerts;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The shared SMS number as {@code setupSharedSmsNumberJob} left it in {@code system_config}: alerts leave only from
 * it, and only once its 10DLC campaign is assigned.
 */
@Component
class SharedSender {

    private static final String SENDER = """
            SELECT telnyx_sms_number, telnyx_sms_status, telnyx_sms_campaign_status FROM system_config WHERE id = 1
            """;

    private final JdbcTemplate jdbc;

    SharedSender(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param allowUnassignedCampaign send without an assigned 10DLC campaign (test accounts only)
     */
    Readiness readiness(boolean allowUnassignedCampaign) {
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
            return new Readiness(number, null, null);
        });
        return rows.isEmpty() ? Readiness.blocked("no_shared_number", "system_config has no row") : rows.get(0);
    }

    /** @param number the sender, or null when blocked */
    record Readiness(String number, String blockedBy, String reason) {

        static Readiness blocked(String blockedBy, String reason) {
            return new Readiness(null, blockedBy, reason);
        }

        boolean ready() {
            return this.number != null;
        }

    }

}
