package com.numbering.campaign;

import java.util.List;
import java.util.Random;

import org.springframework.jdbc.core.JdbcTemplate;

/** Work for the jobs: well-formed tenants in many area codes, and due alerts to consenting recipients. */
final class Seeds {

    private static final List<String[]> AREAS = List.of(new String[] { "415", "CA" }, new String[] { "212", "NY" },
            new String[] { "312", "IL" }, new String[] { "303", "CO" }, new String[] { "404", "GA" },
            new String[] { "615", "TN" }, new String[] { "503", "OR" }, new String[] { "206", "WA" },
            new String[] { "617", "MA" }, new String[] { "713", "TX" });

    private final JdbcTemplate jdbc;

    private final Random random;

    private int tenants;

    private int alerts;

    private Long alertTenant;

    Seeds(JdbcTemplate jdbc, long seed) {
        this.jdbc = jdbc;
        this.random = new Random(seed ^ 0x5EED);
    }

    void tenants(int count) {
        for (int i = 0; i < count; i++) {
            String[] area = AREAS.get(this.random.nextInt(AREAS.size()));
            int n = ++this.tenants;
            this.jdbc.update("INSERT INTO tenants (name, phone, state) VALUES (?, ?, ?)", "Campaign Tenant " + n,
                    "(" + area[0] + ") 555-" + String.format("%04d", 2000 + n), area[1]);
        }
    }

    /** Due alerts, each with its own body (so that a duplicate delivery shows in the ledger). */
    void alerts(int count) {
        if (this.alertTenant == null) {
            this.alertTenant = this.jdbc.queryForObject(
                    "INSERT INTO tenants (name, active) VALUES ('Campaign Alerts', false) RETURNING id", Long.class);
        }
        for (int i = 0; i < count; i++) {
            int n = ++this.alerts;
            String recipient = "+1415555" + String.format("%04d", 3000 + n % 500);
            consent(recipient);
            this.jdbc.update("""
                    INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key)
                    VALUES (?, ?, 'appointment_booked', ?, ?)""", this.alertTenant, recipient,
                    "Campaign alert " + n + ": booked for Tue 10:00.", "campaign-" + n);
        }
    }

    void consent(String recipient) {
        this.jdbc.update("""
                INSERT INTO sms_consents (phone, opted_in_at, opt_in_method) VALUES (?, now(), 'campaign')
                ON CONFLICT (phone) DO NOTHING""", recipient);
    }

}
