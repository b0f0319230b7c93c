package com.numbering.adoption;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.ContractConformance;
import com.numbering.launch.JobLaunchService;
import com.numbering.launch.LaunchResult;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.sandbox.SimulatorSettings;
import com.numbering.telnyx.sandbox.TelnyxSimulator;

import static com.numbering.adoption.AppSchema.BARE;
import static com.numbering.adoption.AppSchema.CLOSED;
import static com.numbering.adoption.AppSchema.LOCAL;
import static com.numbering.adoption.AppSchema.TOLL_FREE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every job end to end on an application database this service adopts (one subclass per shape of {@code tenants}):
 * the same outcomes as on the service's own layout, and the application's own columns and rows left as they were.
 * Each test starts from the database as adopted (the service's own columns and tables emptied, the application's
 * untouched, the simulated account's numbers released) and runs, in production's order, the jobs whose outcome it
 * needs. The simulator's ledger keeps earlier tests' orders and messages: ledger assertions are about a test's own.
 */
@SpringBootTest(properties = { "numbering.launch.enabled=false", "numbering.local.simulator=true",
        "numbering.guard.allow-mixed-environment=true", "spring.datasource.username=postgres",
        "spring.datasource.password=", "numbering.telnyx.requests-per-second=500", "numbering.telnyx.max-attempts=3",
        "numbering.provisioning.order-poll-interval=20ms", "numbering.provisioning.order-poll-timeout=2s",
        "numbering.provisioning.retry-backoff=0s", "numbering.provisioning.batch-size=10",
        "numbering.provisioning.unknown-outcome-delay=0s", "numbering.alerts.max-attempts=3",
        "numbering.alerts.retry-backoff=1s",
        "numbering.sms.area-code=415", "numbering.sms.public-base-url=https://alerts.example.test",
        "numbering.sms.order-poll-interval=20ms", "numbering.alerts.messages-per-second=20",
        "logging.level.com.numbering=WARN" })
@ExtendWith(ContractConformance.class)
abstract class AdoptedTenantsJobTests {

    @Autowired
    private JobLaunchService launches;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private TelnyxSimulator simulator;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private TelnyxGateway telnyx;

    abstract AdoptedDatabase database();

    @BeforeEach
    void asAdopted() {
        // Forget every number, order and attempt, never the reference sequences: references are never reused.
        this.jdbc.update("""
                UPDATE tenants SET telnyx_voice_number = NULL, telnyx_voice_number_id = NULL,
                       telnyx_voice_order_id = NULL, telnyx_voice_status = NULL,
                       telnyx_voice_customer_reference = NULL, telnyx_voice_area_code = NULL, telnyx_voice_tier = NULL,
                       telnyx_voice_attempts = 0, telnyx_voice_next_attempt_at = NULL,
                       telnyx_voice_failure_field = NULL, telnyx_voice_failure_reason = NULL,
                       telnyx_voice_updated_at = NULL""");
        this.jdbc.update("""
                UPDATE system_config SET telnyx_sms_status = NULL, telnyx_sms_number = NULL,
                       telnyx_sms_number_id = NULL, telnyx_sms_messaging_profile_id = NULL, telnyx_sms_order_id = NULL,
                       telnyx_sms_campaign_status = NULL, telnyx_sms_profile_drift = NULL,
                       telnyx_sms_hold_reason = NULL WHERE id = 1""");
        this.jdbc.update("DELETE FROM client_alerts");
        this.jdbc.update("DELETE FROM sms_consents");
        // This class's simulated account holds only what its tests bought or put there: none of it is left.
        this.simulator.ledger().inventory().forEach(number -> this.telnyx.releaseNumber(number.id()));
    }

    @AfterEach
    void resetSimulatorFaults() {
        this.simulator.control().reset();
    }

    @Test
    void provisioningGivesEveryActiveTenantANumberAndLeavesTheDeactivatedOneAlone() {
        // given
        String local = id(LOCAL);
        String reference = "tenant-" + local + "-" + (referenceSeq(LOCAL) + 1);

        // when
        LaunchResult result = provision();

        // then
        assertThat(result.exitCode()).as(result.summary()).isZero();
        assertThat(voice(LOCAL)).containsEntry("telnyx_voice_status", "active")
            .containsEntry("telnyx_voice_tier", "exact")
            .containsEntry("telnyx_voice_customer_reference", reference);
        assertThat((String) voice(LOCAL).get("telnyx_voice_number")).startsWith("+1415");
        assertThat(this.simulator.ledger().orders().stream()
            .filter(order -> reference.equals(order.customerReference()))).hasSize(1);
        assertThat(voice(TOLL_FREE)).containsEntry("telnyx_voice_status", "active")
            .containsEntry("telnyx_voice_tier", "state");
        assertThat(voice(BARE)).containsEntry("telnyx_voice_status", "failed");
        assertThat((String) voice(BARE).get("telnyx_voice_failure_reason")).contains("phone: missing")
            .contains("state: missing");
        assertThat(voice(CLOSED).get("telnyx_voice_status")).isNull();
    }

    @Test
    void theSharedSmsJobSetsUpTheSharedNumber() {
        // when
        LaunchResult result = launch("setupSharedSmsNumberJob");

        // then
        assertThat(result.exitCode()).as(result.summary()).isZero();
        assertThat(this.jdbc.queryForObject("SELECT telnyx_sms_number FROM system_config", String.class))
            .startsWith("+1415");
    }

    @Test
    void anAlertQueuedForATenantIsSentFromTheSharedNumber() {
        // given
        setUpTheSharedNumber();

        // when
        LaunchResult result = dispatchAnAlertFor(LOCAL);

        // then
        assertThat(result.exitCode()).as(result.summary()).isZero();
        assertThat(this.jdbc.queryForMap("SELECT tenant_id::text AS tenant, status FROM client_alerts"))
            .containsEntry("tenant", id(LOCAL))
            .containsEntry("status", "sent");
        String messageId = this.jdbc.queryForObject("SELECT telnyx_message_id FROM client_alerts", String.class);
        String sender = this.jdbc.queryForObject("SELECT telnyx_sms_number FROM system_config", String.class);
        assertThat(this.simulator.ledger().messages()).filteredOn(m -> m.id().equals(messageId))
            .singleElement()
            .satisfies(m -> assertThat(m.to()).isEqualTo("+14155550111"))
            .satisfies(m -> assertThat(m.from()).isEqualTo(sender));
    }

    @Test
    void reconciliationAdoptsANumberBoughtForATenantAndReportsTheDeactivatedTenantsNumber() {
        // given provisioning has run: the tenant without phone or state failed, the deactivated one was left alone
        assertThat(provision().exitCode()).isZero();
        assertThat(voice(BARE)).containsEntry("telnyx_voice_status", "failed");
        String bought = newNumber();
        this.simulator.control().addOwnedNumber(bought, SimulatorSettings.DEFAULT_CONNECTION_ID,
                "tenant-" + id(BARE) + "-4", List.of(), "active");
        String closed = newNumber();
        this.simulator.control().addOwnedNumber(closed, SimulatorSettings.DEFAULT_CONNECTION_ID, null,
                List.of("tenant-" + id(CLOSED)), "active");

        // when
        LaunchResult result = launch("reconcileInventoryJob");

        // then
        assertThat(result.exitCode()).as(result.summary()).isZero();
        assertThat(voice(BARE)).containsEntry("telnyx_voice_status", "active")
            .containsEntry("telnyx_voice_number", bought)
            .containsEntry("telnyx_voice_customer_reference", "tenant-" + id(BARE) + "-4");
        assertThat(finding(result, bought)).isEqualTo("unrecorded-purchase/adopted/" + id(BARE));
        assertThat(finding(result, closed)).isEqualTo("inactive-tenant-number/reported/" + id(CLOSED));
        assertThat(voice(CLOSED).get("telnyx_voice_status")).isNull();
    }

    @Test
    void theApplicationsOwnColumnsAndRowsAreByteForByteAsTheyWere() {
        // when
        runEveryJob();

        // then
        assertThat(database().schema().fingerprint(this.jdbc)).isEqualTo(database().fingerprintBefore());
    }

    @Test
    void everyColumnHoldingATenantIdHasTheKeysTypeAndNoMetricCarriesATenantId() {
        // given
        String keyType = type("tenants", "id");

        // when
        runEveryJob();

        // then
        assertThat(List.of(type("client_alerts", "tenant_id"), type("reconciliation_findings", "tenant_id"),
                type("reconciliation_unowned_numbers", "tenant_id"), type("inventory_snapshot", "tenant_hint")))
            .containsOnly(keyType);
        assertThat(this.jdbc.queryForObject("""
                SELECT confrelid::regclass::text FROM pg_constraint
                WHERE conrelid = 'client_alerts'::regclass AND contype = 'f'""", String.class)).isEqualTo("tenants");
        Set<String> tagValues = this.meters.getMeters().stream()
            .flatMap(meter -> meter.getId().getTags().stream())
            .map(Tag::getValue)
            .collect(Collectors.toSet());
        assertThat(tagValues).isNotEmpty().doesNotContainAnyElementsOf(
                List.of(id(LOCAL), id(TOLL_FREE), id(BARE), id(CLOSED)));
    }

    /** Every job once, in production's order, each of its outcomes checked by the tests above. */
    private void runEveryJob() {
        assertThat(provision().exitCode()).isZero();
        setUpTheSharedNumber();
        assertThat(dispatchAnAlertFor(LOCAL).exitCode()).isZero();
        this.simulator.control().addOwnedNumber(newNumber(), SimulatorSettings.DEFAULT_CONNECTION_ID,
                "tenant-" + id(BARE) + "-4", List.of(), "active");
        this.simulator.control().addOwnedNumber(newNumber(), SimulatorSettings.DEFAULT_CONNECTION_ID, null,
                List.of("tenant-" + id(CLOSED)), "active");
        assertThat(launch("reconcileInventoryJob").exitCode()).isZero();
    }

    private LaunchResult provision() {
        return launch("provisionVoiceNumbersJob");
    }

    private void setUpTheSharedNumber() {
        LaunchResult result = launch("setupSharedSmsNumberJob");
        assertThat(result.exitCode()).as(result.summary()).isZero();
        this.jdbc.update("UPDATE system_config SET telnyx_sms_campaign_status = 'ASSIGNED'");
    }

    private LaunchResult dispatchAnAlertFor(String tenant) {
        this.jdbc.update("INSERT INTO sms_consents (phone, opted_in_at, opt_in_method) VALUES (?, now(), 'test')",
                "+14155550111");
        this.jdbc.update("""
                INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key)
                VALUES (?, '+14155550111', 'appointment_booked', 'Booked for Tue 10:00.', 'adopted-1')""",
                AppSchema.key(id(tenant)));
        return launch("dispatchAlertsJob");
    }

    private LaunchResult launch(String job) {
        return this.launches.launch(job, new JobParameters());
    }

    private String id(String name) {
        return AppSchema.id(this.jdbc, name);
    }

    private Map<String, Object> voice(String name) {
        return this.jdbc.queryForMap("SELECT * FROM tenants WHERE name = ?", name);
    }

    private int referenceSeq(String name) {
        return this.jdbc.queryForObject("SELECT telnyx_voice_reference_seq FROM tenants WHERE name = ?", Integer.class,
                name);
    }

    private String type(String table, String column) {
        return this.jdbc.queryForObject("""
                SELECT format_type(atttypid, atttypmod) FROM pg_attribute
                WHERE attrelid = to_regclass(?) AND attname = ?""", String.class, table, column);
    }

    private String finding(LaunchResult result, String number) {
        return this.jdbc.queryForObject("""
                SELECT kind || '/' || action || '/' || tenant_id::text FROM reconciliation_findings
                WHERE job_execution_id = ? AND phone_number = ?""", String.class, result.execution().getId(), number);
    }

    private static String newNumber() {
        return "+1406" + ThreadLocalRandom.current().nextInt(700, 800) + ThreadLocalRandom.current().nextInt(1000, 10000);
    }

}
