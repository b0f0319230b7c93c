package com.numbering.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.numbering.AppProcess;
import com.numbering.AppProcess.Finished;
import com.numbering.OutsideWorld;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real kill: the dispatcher's process dies (SIGKILL) after Telnyx accepted the message and before "sent" was
 * committed. The next run must not send it again.
 */
@Tag("slow") // several JVMs, tens of seconds: CI and -Pthorough run it, ./mvnw verify does not (README "Tests")
class DispatchCrashTests {

    private static final String RECIPIENT = "+14155550171";

    private OutsideWorld world;

    @BeforeEach
    void telnyxAndDatabaseThatOutliveTheJob() throws Exception {
        this.world = OutsideWorld.start("alerts_crash");
    }

    @AfterEach
    void stop() {
        this.world.close();
    }

    @Test
    void aProcessKilledAfterTelnyxAcceptedTheMessageNeverLeadsToASecondMessage() throws Exception {
        // given the shared number is set up and one alert is due
        Finished setup = AppProcess.start(Map.of(), args("setupSharedSmsNumberJob")).waitForExit();
        assertThat(setup.exitCode()).as(setup.output()).isZero();
        long tenant = this.world.jdbc().queryForObject("INSERT INTO tenants (name) VALUES ('Crash Alerts') RETURNING id",
                Long.class);
        this.world.jdbc().update("INSERT INTO sms_consents (phone, opted_in_at, opt_in_method) VALUES (?, now(), 'test')",
                RECIPIENT);
        this.world.jdbc().update("""
                INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key)
                VALUES (?, ?, 'appointment_booked', 'Booked for Tue 10:00.', 'crash-alert-1')""", tenant, RECIPIENT);

        // when Telnyx accepts the message but its answer is held back, and the process is killed meanwhile
        this.world.simulator().control().stallAfterProcessing("POST", "/messages", Duration.ofMinutes(2), 1);
        AppProcess first = AppProcess.start(Map.of(), args("dispatchAlertsJob"));
        waitForMessage(first);
        first.kill();
        assertThat(alertStatus()).isEqualTo("sending");

        // then the next run marks it unknown for a human and sends nothing
        this.world.simulator().control().reset();
        Finished second = AppProcess.start(Map.of(), args("dispatchAlertsJob")).waitForExit();

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(alertStatus()).isEqualTo("unknown");
        assertThat(this.world.simulator().ledger().messages()).filteredOn(m -> RECIPIENT.equals(m.to())).hasSize(1);
        assertThat(second.output()).contains("marked 'unknown', never resent").doesNotContain(RECIPIENT);
    }

    @Test
    void aProcessKilledBetweenTheSendAndTheDeliveryCheckLosesNothing() throws Exception {
        // given an alert that was sent, whose delivery is being read back when the process dies
        Finished setup = AppProcess.start(Map.of(), args("setupSharedSmsNumberJob")).waitForExit();
        assertThat(setup.exitCode()).as(setup.output()).isZero();
        long tenant = this.world.jdbc().queryForObject("INSERT INTO tenants (name) VALUES ('Crash Check') RETURNING id",
                Long.class);
        this.world.jdbc().update("INSERT INTO sms_consents (phone, opted_in_at, opt_in_method) VALUES (?, now(), 'test')",
                RECIPIENT);
        this.world.jdbc().update("""
                INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key)
                VALUES (?, ?, 'appointment_booked', 'Booked for Wed 9:00.', 'crash-alert-1')""", tenant, RECIPIENT);
        this.world.simulator().control().stallAfterProcessing("GET", "/messages/.*", Duration.ofMinutes(2), 1);
        AppProcess first = AppProcess.start(Map.of(), withDeliveryCheckAtOnce(args("dispatchAlertsJob")));
        waitForDeliveryCheck(first);
        first.kill();
        assertThat(alertStatus()).isEqualTo("sent");

        // when the next run comes
        this.world.simulator().control().reset();
        Finished second = AppProcess.start(Map.of(), withDeliveryCheckAtOnce(args("dispatchAlertsJob"))).waitForExit();

        // then the delivery is learnt and the message was sent once
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(this.world.jdbc().queryForObject(
                "SELECT delivery_status FROM client_alerts WHERE dedupe_key = 'crash-alert-1'", String.class))
            .isEqualTo("delivered");
        assertThat(this.world.simulator().ledger().messages()).filteredOn(m -> RECIPIENT.equals(m.to())).hasSize(1);
    }

    private static List<String> withDeliveryCheckAtOnce(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.add("--numbering.alerts.delivery-check-delay=0s");
        return all;
    }

    private void waitForDeliveryCheck(AppProcess process) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (this.world.simulator().ledger().requests().stream()
                .anyMatch(r -> "GET".equals(r.method()) && r.path().contains("/messages/"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no GET /messages/{id} arrived: " + process.output());
    }

    private String alertStatus() {
        return this.world.jdbc().queryForObject("SELECT status FROM client_alerts WHERE dedupe_key = 'crash-alert-1'",
                String.class);
    }

    private void waitForMessage(AppProcess process) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (this.world.simulator().ledger().messages().stream().anyMatch(m -> RECIPIENT.equals(m.to()))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no message was accepted: " + process.output());
    }

    private List<String> args(String job) {
        return this.world.args(job, "--numbering.sms.area-code=415",
                "--numbering.sms.public-base-url=https://alerts.example.test", "--numbering.sms.order-poll-interval=50ms");
    }

}
