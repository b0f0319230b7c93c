package com.numbering.demo;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Made-up tenants that exercise every rung of the ladder and every kind of bad input against the demo simulator
 * (see application-demo.yml for which area codes it has exhausted).
 */
@Component
class DemoTenants {

    /** name, phone, city, state, active */
    private static final List<Object[]> TENANTS = List.of(
            new Object[] { "Golden Gate Plumbing", "(415) 555-2671", "San Francisco", "CA", true },
            new Object[] { "Mission Dental", "415.555.3344", "San Francisco", "CA", true },
            new Object[] { "Midtown Bagels", "+1 212 555 7788", "New York", "NY", true },
            new Object[] { "Mile High Roofing", "303-555-2199", "Denver", "CO", true },
            new Object[] { "Anchorage Fishing Co", "907 555 4410", "Anchorage", "AK", true },
            new Object[] { "Toll-Free Tax Help", "1-800-555-0100", null, null, true },
            new Object[] { "Sunset Yoga", "call me maybe", "Los Angeles", "CA", true },
            new Object[] { "No Contact Ltd", null, null, null, true },
            new Object[] { "Closed Cafe", "(617) 555-3142", "Boston", "MA", false });

    private final JdbcTemplate jdbc;

    DemoTenants(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void seedIfEmpty() {
        Integer existing = this.jdbc.queryForObject("SELECT count(*) FROM tenants", Integer.class);
        if (existing != null && existing > 0) {
            return;
        }
        this.jdbc.batchUpdate("INSERT INTO tenants (name, phone, city, state, active) VALUES (?, ?, ?, ?, ?)",
                TENANTS);
        seedAlerts();
    }

    /** Alerts as another service would queue them: two to a client who opted in, one to a client who did not,
     *  one whose appointment has passed. */
    private void seedAlerts() {
        this.jdbc.update("INSERT INTO sms_consents (phone, opted_in_at, opt_in_method) VALUES "
                + "('+14155552671', now(), 'web form, demo')");
        long tenant = this.jdbc.queryForObject("SELECT min(id) FROM tenants", Long.class);
        Object[][] alerts = {
                { "+14155552671", "appointment_booked", "Your appointment with Golden Gate Plumbing is booked for Tue 10:00.", "demo-1", null },
                { "+14155552671", "call_summary", "Call summary: 3 calls today, 1 voicemail. Details in your dashboard.", "demo-2", null },
                { "+14155553344", "appointment_booked", "Your appointment is booked for Wed 09:30.", "demo-3", null },
                { "+14155552671", "appointment_reminder", "Reminder: appointment today at 08:00.", "demo-4", "expired" } };
        for (Object[] alert : alerts) {
            this.jdbc.update("""
                    INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key, expires_at)
                    VALUES (?, ?, ?, ?, ?, CASE WHEN ? = 'expired' THEN now() - interval '1 hour' END)
                    ON CONFLICT (dedupe_key) DO NOTHING""", tenant, alert[0], alert[1], alert[2], alert[3], alert[4]);
        }
    }

}
