package com.numbering.campaign;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Malformed records as producers and people type them. Each says what must become of it: refused at insert (by a
 * constraint: the refusal is the recorded reason), {@code failed} with a reason, or settled (active, or a final state,
 * either way with its reason when it is not the happy one).
 */
final class BadInputCorpus {

    enum Expect {
        REFUSED, FAILED, SETTLED, EXPIRED, SUPPRESSED
    }

    record BadTenant(String label, String name, String phone, String state, Expect expect) {
    }

    /** {@code tenant} null: the campaign's alert tenant; {@code consent}: the recipient opted in first. */
    record BadAlert(String label, Long tenant, String recipient, String type, String body, String dedupeKey,
            Timestamp expiresAt, boolean consent, boolean optedOut, Expect expect) {
    }

    private BadInputCorpus() {
    }

    static List<BadTenant> tenants() {
        String overlong = "Overlong Name ".repeat(700);
        return List.of(new BadTenant("empty phone, unknown state", "Bad 1", "", "ZZ", Expect.FAILED),
                new BadTenant("NULL phone and state", "Bad 2", null, null, Expect.FAILED),
                new BadTenant("letters for a phone", "Bad 3", "abc", null, Expect.FAILED),
                new BadTenant("three digits, empty state", "Bad 4", "123", "", Expect.FAILED),
                new BadTenant("truncated phone, state spelled out", "Bad 5", "(415) 555-26", "California",
                        Expect.SETTLED),
                new BadTenant("UK phone", "Bad 6", "+44 20 7946 0958", null, Expect.FAILED),
                new BadTenant("toll-free, no state", "Bad 7", "1-800-555-0100", null, Expect.FAILED),
                new BadTenant("toll-free with a state", "Bad 8", "1-800-555-0100", "CA", Expect.SETTLED),
                new BadTenant("555 area code, no state", "Bad 9", "555-555-5555", null, Expect.FAILED),
                new BadTenant("555 area code with a state", "Bad 10", "555-555-5555", "NY", Expect.SETTLED),
                new BadTenant("eleven digits and an extension", "Bad 11", "+1 (212) 555-01234 ext 5", "NY",
                        Expect.SETTLED),
                new BadTenant("full-width digits", "Bad 12", "４１５５５５２６７１", null, Expect.SETTLED),
                new BadTenant("SQL in the phone", "Bad 13", "415.555.2671; DROP TABLE tenants;--", "CA",
                        Expect.SETTLED),
                new BadTenant("SQL in phone and state", "Bad 14", "'; DELETE FROM tenants WHERE ''='",
                        "'; DROP TABLE tenants;--", Expect.FAILED),
                new BadTenant("all zeros", "Bad 15", "0000000000", null, Expect.FAILED),
                new BadTenant("area code 011", "Bad 16", "+1 011 555 2671", null, Expect.FAILED),
                new BadTenant("area code 911", "Bad 17", "+1 911 555 2671", null, Expect.FAILED),
                new BadTenant("all nines, state XX", "Bad 18", "999-999-9999", "XX", Expect.FAILED),
                new BadTenant("blanks", "Bad 19", "   ", "  ", Expect.FAILED),
                new BadTenant("country code only", "Bad 20", "+1", null, Expect.FAILED),
                new BadTenant("two numbers in one field", "Bad 21", "+1-415-555-2671-415-555-2671", null,
                        Expect.SETTLED),
                new BadTenant("overlong name", overlong, "(303) 555-2671", "CO", Expect.SETTLED),
                new BadTenant("unicode and emoji name", "Café ☕ 北京 🚀 مرحبا", "(617) 555-2671", "MA", Expect.SETTLED),
                new BadTenant("NULL name", null, "(415) 555-2672", "CA", Expect.REFUSED),
                new BadTenant("SQL in the name", "Robert'); DROP TABLE tenants;--", "(713) 555-2671", "TX",
                        Expect.SETTLED),
                new BadTenant("toll-free 888, unknown state", "Bad 26", "(888) 555-0100", "ZZ", Expect.FAILED),
                new BadTenant("Mexican phone and state", "Bad 27", "+52 55 1234 5678", "MX", Expect.FAILED),
                new BadTenant("no phone, Puerto Rico", "Bad 28", null, "PR", Expect.SETTLED),
                new BadTenant("NUL byte in the phone", "Bad 29", "415\u0000555", "CA", Expect.REFUSED),
                new BadTenant("empty name", "", "(404) 555-2671", "GA", Expect.SETTLED));
    }

    static List<BadAlert> alerts(long tenant) {
        Timestamp past = Timestamp.from(Instant.now().minusSeconds(3600));
        List<BadAlert> alerts = new ArrayList<>();
        alerts.add(alert("empty body", "+14155559101", "appointment_booked", "", Expect.REFUSED));
        alerts.add(alert("body over 1000 characters", "+14155559102", "appointment_booked", "y".repeat(1001),
                Expect.REFUSED));
        alerts.add(alert("body of exactly 1000 characters", "+14155559103", "appointment_booked",
                "Huge alert. " + "z".repeat(988), Expect.SETTLED));
        alerts.add(alert("emoji body", "+14155559104", "appointment_booked", "🚀🔥 Booked ✅ 日本語 👍🏽 alert", Expect.SETTLED));
        alerts.add(alert("SQL in the body", "+14155559105", "call_summary", "'); DELETE FROM client_alerts;--",
                Expect.SETTLED));
        alerts.add(alert("recipient too short", "+1415", "appointment_booked", "short recipient", Expect.REFUSED));
        alerts.add(alert("recipient without +", "4155552671", "appointment_booked", "no plus", Expect.REFUSED));
        alerts.add(alert("UK recipient", "+442079460958", "appointment_booked", "to the UK", Expect.SETTLED));
        alerts.add(alert("toll-free recipient", "+18005550100", "appointment_booked", "to a toll-free number",
                Expect.SETTLED));
        alerts.add(new BadAlert("recipient without consent", null, "+14155559110", "appointment_booked",
                "nobody agreed", "bad-alert-nc", null, false, false, Expect.SUPPRESSED));
        alerts.add(new BadAlert("recipient who said STOP", null, "+14155559111", "appointment_booked", "opted out",
                "bad-alert-oo", null, true, true, Expect.SUPPRESSED));
        alerts.add(new BadAlert("already expired", null, "+14155559112", "appointment_reminder",
                "reminder for yesterday", "bad-alert-exp", past, true, false, Expect.EXPIRED));
        alerts.add(alert("unknown alert type", "+14155559113", "birthday", "happy birthday", Expect.REFUSED));
        alerts.add(alert("NULL alert type", "+14155559114", null, "no type", Expect.REFUSED));
        alerts.add(new BadAlert("tenant that does not exist", 999_999_999L, "+14155559115", "appointment_booked",
                "nobody's alert", "bad-alert-nt", null, true, false, Expect.REFUSED));
        alerts.add(new BadAlert("duplicate dedupe key", null, "+14155559116", "appointment_booked", "second copy",
                "bad-alert-dup", null, true, false, Expect.REFUSED));
        alerts.add(alert("NULL body", "+14155559117", "appointment_booked", null, Expect.REFUSED));
        alerts.add(alert("recipient starting +0", "+04155559118", "appointment_booked", "zero country",
                Expect.REFUSED));
        alerts.add(alert("control characters", "+14155559119", "appointment_changed", "Line1\nLine2\tTab\u0007Bell",
                Expect.SETTLED));
        alerts.add(alert("letters in the recipient", "+1415555ABCD", "appointment_booked", "letters",
                Expect.REFUSED));
        alerts.add(alert("RTL and zero-width text", "+14155559121", "appointment_cancelled",
                "\u202Eelddim\u202C a\u200Db\u200Bc שלום", Expect.SETTLED));
        alerts.add(alert("15-digit unknown country", "+999999999999999", "appointment_booked", "nowhere",
                Expect.SETTLED));
        alerts.add(alert("NULL recipient", null, "appointment_booked", "to nobody", Expect.REFUSED));
        alerts.add(alert("recipient with spaces", "+1 415 555 9124", "appointment_booked", "spaces",
                Expect.REFUSED));
        return alerts.stream().map(a -> a.tenant() == null ? withTenant(a, tenant) : a).toList();
    }

    private static BadAlert alert(String label, String recipient, String type, String body, Expect expect) {
        return new BadAlert(label, null, recipient, type, body, "bad-alert-" + label.replaceAll("\\W+", "-"), null,
                recipient != null && recipient.matches("\\+[1-9]\\d{7,14}"), false, expect);
    }

    private static BadAlert withTenant(BadAlert a, long tenant) {
        return new BadAlert(a.label(), tenant, a.recipient(), a.type(), a.body(), a.dedupeKey(), a.expiresAt(),
                a.consent(), a.optedOut(), a.expect());
    }

}
