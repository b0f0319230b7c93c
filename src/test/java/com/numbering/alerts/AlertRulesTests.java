package com.numbering.alerts;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.TestDatabases;
import com.numbering.alerts.AlertRules.Message;

import static org.assertj.core.api.Assertions.assertThat;

/** What is decided about an alert before a request is spent on it, recorded on a real {@code client_alerts} row. */
class AlertRulesTests {

    private static final Instant NOW = Instant.parse("2025-03-04T15:00:00Z");

    private static final String RECIPIENT = "+14155550111";

    private static JdbcTemplate jdbc;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private final AlertsProperties properties = new AlertsProperties("Acme Alerts", "Reply STOP to opt out.", 1.0,
            Duration.ZERO, 2000, 10, 1, 3, Duration.ofSeconds(1), Duration.ofMinutes(1), false, Duration.ofMinutes(1),
            Duration.ofMinutes(1), 10, Duration.ofMinutes(10));

    private AlertRules rules;

    private long tenant;

    @BeforeAll
    static void database() throws SQLException {
        jdbc = TestDatabases.jdbc(TestDatabases.fresh("alert_rules"));
        TestDatabases.migrate(jdbc);
    }

    @BeforeEach
    void aTenantAndNoAlerts() {
        jdbc.update("DELETE FROM sms_consents");
        TestDatabases.deleteTenants(jdbc);
        this.tenant = jdbc.queryForObject("INSERT INTO tenants (name) VALUES ('Rules Co') RETURNING id", Long.class);
        AlertRepository alerts = new AlertRepository(jdbc, this.clock);
        this.rules = new AlertRules(alerts, new ConsentRepository(jdbc, this.clock), this.properties, this.clock);
    }

    @Test
    void anAlertWithConsentInTimeInAnAllowedCountryAndShortEnoughGoesOnToBeSent() {
        // given
        optIn(RECIPIENT);
        Alert alert = claimed(RECIPIENT, NOW.plusSeconds(1));

        // when
        Optional<AlertOutcome> outcome = this.rules.decide(alert, message("Booked for Tue 10:00."), us());

        // then
        assertThat(outcome).isEmpty();
        assertThat(row(alert)).containsEntry("status", "claimed").containsEntry("last_error_reason", null);
    }

    @Test
    void anAlertWhoseExpiryHasComeIsExpiredAndNotSent() {
        // given
        optIn(RECIPIENT);
        Alert alert = claimed(RECIPIENT, NOW);

        // when
        Optional<AlertOutcome> outcome = this.rules.decide(alert, message("Reminder: Tue 10:00."), us());

        // then
        assertThat(outcome).contains(AlertOutcome.EXPIRED);
        assertThat(row(alert)).containsEntry("status", "expired")
            .containsEntry("last_error_reason", "not sent: expired at " + NOW);
    }

    @Test
    void expiryIsDecidedBeforeConsent() {
        // given no opt-in, and an expired alert
        Alert alert = claimed(RECIPIENT, NOW.minusSeconds(60));

        // when
        Optional<AlertOutcome> outcome = this.rules.decide(alert, message("Reminder: Tue 10:00."), us());

        // then
        assertThat(outcome).contains(AlertOutcome.EXPIRED);
        assertThat(row(alert)).containsEntry("status", "expired");
    }

    @Test
    void anAlertWithoutExpiryNeverExpires() {
        // given
        optIn(RECIPIENT);
        Alert alert = claimed(RECIPIENT, null);

        // when
        Optional<AlertOutcome> outcome = this.rules.decide(alert, message("Booked."), us());

        // then
        assertThat(outcome).isEmpty();
    }

    @Test
    void aRecipientWhoNeverOptedInIsSuppressed() {
        // given
        Alert alert = claimed(RECIPIENT, null);

        // when
        Optional<AlertOutcome> outcome = this.rules.decide(alert, message("Booked."), us());

        // then
        assertThat(outcome).contains(AlertOutcome.SUPPRESSED);
        assertThat(row(alert)).containsEntry("status", "suppressed")
            .containsEntry("last_error_reason", "no recorded opt-in for this recipient");
    }

    @Test
    void aRecipientWhoSaidStopAfterOptingInIsSuppressed() {
        // given
        jdbc.update("""
                INSERT INTO sms_consents (phone, opted_in_at, opt_in_method, opted_out_at, opt_out_source)
                VALUES (?, ?, 'test', ?, 'STOP')""", RECIPIENT, at(NOW.minusSeconds(3600)), at(NOW.minusSeconds(60)));
        Alert alert = claimed(RECIPIENT, null);

        // when
        Optional<AlertOutcome> outcome = this.rules.decide(alert, message("Booked."), us());

        // then
        assertThat(outcome).contains(AlertOutcome.SUPPRESSED);
        assertThat(row(alert)).containsEntry("status", "suppressed")
            .containsEntry("last_error_reason", "the recipient opted out (STOP)");
    }

    @Test
    void aRecipientWhoOptedInAgainAfterStopIsTexted() {
        // given
        jdbc.update("""
                INSERT INTO sms_consents (phone, opted_in_at, opt_in_method, opted_out_at, opt_out_source)
                VALUES (?, ?, 'test', ?, 'STOP')""", RECIPIENT, at(NOW.minusSeconds(60)), at(NOW.minusSeconds(3600)));
        Alert alert = claimed(RECIPIENT, null);

        // when
        Optional<AlertOutcome> outcome = this.rules.decide(alert, message("Booked."), us());

        // then
        assertThat(outcome).isEmpty();
    }

    @Test
    void aRecipientOutsideTheAllowedCountriesIsRefusedWithoutARequest() {
        // given
        String london = "+442079460958";
        optIn(london);
        Alert alert = claimed(london, null);

        // when
        Optional<AlertOutcome> outcome = this.rules.decide(alert, message("Booked."), us());

        // then
        assertThat(outcome).contains(AlertOutcome.REFUSED);
        assertThat(row(alert)).containsEntry("status", "failed").containsEntry("last_error_code", null);
        assertThat((String) row(alert).get("last_error_reason")).contains("(GB)").contains("[US]");
    }

    @Test
    void consentIsDecidedBeforeTheDestination() {
        // given no opt-in for a recipient abroad
        Alert alert = claimed("+442079460958", null);

        // when
        Optional<AlertOutcome> outcome = this.rules.decide(alert, message("Booked."), us());

        // then
        assertThat(outcome).contains(AlertOutcome.SUPPRESSED);
    }

    @Test
    void anyCountryIsAllowedWhenTheProfileAllowsEveryDestination() {
        // given
        String london = "+442079460958";
        optIn(london);
        Alert alert = claimed(london, null);

        // when
        Optional<AlertOutcome> outcome = this.rules.decide(alert, message("Booked."), DestinationCountries.parse("*"));

        // then
        assertThat(outcome).isEmpty();
    }

    @Test
    void aTextOfTenPartsIsSent() {
        // given 10 × 153 GSM-7 characters
        optIn(RECIPIENT);
        Alert alert = claimed(RECIPIENT, null);

        // when
        Optional<AlertOutcome> outcome = this.rules.decide(alert, message("a".repeat(1530)), us());

        // then
        assertThat(outcome).isEmpty();
    }

    @Test
    void aTextOfMoreThanTenPartsFailsAsTooLong() {
        // given one character more than 10 parts hold
        optIn(RECIPIENT);
        Alert alert = claimed(RECIPIENT, null);

        // when
        Optional<AlertOutcome> outcome = this.rules.decide(alert, message("a".repeat(1531)), us());

        // then
        assertThat(outcome).contains(AlertOutcome.FAILED);
        assertThat(row(alert)).containsEntry("status", "failed")
            .containsEntry("last_error_code", "40302")
            .containsEntry("last_error_reason", "too long: 11 parts, at most 10");
    }

    @Test
    void theTextLeavesWithTheBrandAndTheOptOutWording() {
        // given
        Alert alert = claimed(RECIPIENT, null);

        // when
        Message message = this.rules.message(alert);

        // then
        assertThat(message.text()).isEqualTo("Acme Alerts: Booked for Tue 10:00. Reply STOP to opt out.");
        assertThat(message.segments()).isEqualTo(SmsSegments.of(message.text()));
    }

    private static Message message(String text) {
        return new Message(text, SmsSegments.of(text));
    }

    private static DestinationCountries us() {
        return DestinationCountries.parse("US");
    }

    private static void optIn(String phone) {
        jdbc.update("INSERT INTO sms_consents (phone, opted_in_at, opt_in_method) VALUES (?, ?, 'test')", phone,
                at(NOW.minusSeconds(86400)));
    }

    /** A row as the dispatcher holds it when it asks the rules: claimed. */
    private Alert claimed(String recipient, Instant expiresAt) {
        long id = jdbc.queryForObject("""
                INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key, expires_at, status,
                                           claimed_by)
                VALUES (?, ?, 'appointment_booked', 'Booked for Tue 10:00.', gen_random_uuid()::text, ?, 'claimed',
                        'test') RETURNING id""", Long.class, this.tenant, recipient,
                expiresAt == null ? null : at(expiresAt));
        return new Alert(id, Long.toString(this.tenant), recipient, "appointment_booked", "Booked for Tue 10:00.",
                NOW.minusSeconds(60), expiresAt, 0, 0);
    }

    private static Map<String, Object> row(Alert alert) {
        return jdbc.queryForMap("SELECT status, last_error_code, last_error_reason FROM client_alerts WHERE id = ?",
                alert.id());
    }

    private static Timestamp at(Instant instant) {
        return Timestamp.from(instant);
    }

}
