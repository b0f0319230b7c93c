package com.numbering.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Autowired;

import com.numbering.JobTestSupport;
import com.numbering.launch.LaunchResult;
import com.numbering.numbers.CustomerReferences;
import com.numbering.support.SpendFence;
import com.numbering.telnyx.TelnyxGateway.MessagingProfile;
import com.numbering.telnyx.TelnyxGateway.MessagingProfileSettings;
import com.numbering.telnyx.TelnyxGateway.NumberOrder;
import com.numbering.telnyx.TelnyxGateway.NumberOrderRequest;
import com.numbering.telnyx.TelnyxGateway.NumberSearch;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.sandbox.LedgerNumber;
import com.numbering.telnyx.sandbox.LedgerRequest;
import com.numbering.telnyx.sandbox.SimulatorSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reconcileInventoryJob} end to end: real PostgreSQL, the simulator over real HTTP. Other test classes leave
 * numbers and tenants behind in the shared account and database, so every assertion is about the numbers and
 * tenants a test creates itself (area codes 406 and 605, exchanges 7xx, never 555-01XX).
 */
class ReconcileInventoryJobTests extends JobTestSupport {

    ReconcileInventoryJobTests() {
        super(JOB);
    }

    private static final String JOB = "reconcileInventoryJob";

    private static final String OUR_CONNECTION = SimulatorSettings.DEFAULT_CONNECTION_ID;

    /** Distinct numbers across the JVM: the account keeps what earlier tests put in it. */
    private static final AtomicInteger LINES = new AtomicInteger(ThreadLocalRandom.current().nextInt(0, 500) * 100);

    @Autowired
    private TelnyxGateway telnyx;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private SpendFence fence;

    @Autowired
    private TenantRepairRepository tenantRepairs;

    private Map<String, Object> savedSystemConfig;

    @BeforeEach
    void rememberSharedNumberSettings() {
        this.savedSystemConfig = this.jdbc.queryForMap(
                "SELECT telnyx_sms_number, telnyx_sms_messaging_profile_id FROM system_config WHERE id = 1");
    }

    @AfterEach
    void restoreSharedNumberSettings() {
        this.jdbc.update("UPDATE system_config SET telnyx_sms_number = ?, telnyx_sms_messaging_profile_id = ?",
                this.savedSystemConfig.get("telnyx_sms_number"),
                this.savedSystemConfig.get("telnyx_sms_messaging_profile_id"));
    }

    @Test
    void activatesATenantWhoseOrderedNumberIsActiveAndLeavesAStillPendingOneAlone() {
        // given
        String number = newNumber();
        long tenant = tenant("ordered", number, null, "tenant-ref-a", "order-a", true);
        String numberId = own(number, OUR_CONNECTION, "tenant-ref-a", "active");
        String pendingNumber = newNumber();
        long pending = tenant("ordered", pendingNumber, null, "tenant-ref-b", "order-b", true);
        own(pendingNumber, OUR_CONNECTION, "tenant-ref-b", "purchase-pending");

        // when
        LaunchResult result = launch();

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(tenantRow(tenant)).containsEntry("telnyx_voice_status", "active")
            .containsEntry("telnyx_voice_number_id", numberId)
            .containsEntry("telnyx_voice_number", number);
        assertThat(tenantRow(pending)).containsEntry("telnyx_voice_status", "ordered");
        assertThat(findings(result, number)).containsExactly("pending-order-completed/activated");
        assertThat(findings(result, pendingNumber)).isEmpty();
    }

    @Test
    void clearsTheIntentOfAnOrderThatSettledWithoutItsNumberSoThatProvisioningPicksTheTenantAgain() {
        // given an order that succeeded, and its number released since
        String number = this.telnyx.searchLocalNumbers(new NumberSearch("605", null, List.of("voice"), 1))
            .get(0)
            .phoneNumber();
        NumberOrder order = this.telnyx.orderNumber(new NumberOrderRequest(number, OUR_CONNECTION, null, "lost-1"));
        this.simulator.control().completePendingOrders();
        this.telnyx.releaseNumber(this.simulator.ledger().number(number).orElseThrow().id());
        long tenant = tenant("ordered", number, null, "lost-1", order.id(), true);

        // when
        LaunchResult result = launch();

        // then
        assertThat(tenantRow(tenant)).containsEntry("telnyx_voice_status", null)
            .containsEntry("telnyx_voice_number", null)
            .containsEntry("telnyx_voice_order_id", null);
        assertThat((String) tenantRow(tenant).get("telnyx_voice_failure_reason")).contains("no longer in the account");
        assertThat(findings(result, number)).containsExactly("pending-order-failed/cleared-intent");
    }

    @Test
    void adoptsANumberBoughtForATenantButNeverRecordedAndFlagsADuplicatePurchase() {
        // given
        long bare = tenant(null, null, null, null, null, true);
        String unrecorded = newNumber();
        String unrecordedId = own(unrecorded, OUR_CONNECTION, "tenant-" + bare + "-3", "active");
        String held = newNumber();
        long served = tenant("active", held, own(held, OUR_CONNECTION, null, "active"), null, null, true);
        String duplicate = newNumber();
        this.simulator.control().addOwnedNumber(duplicate, OUR_CONNECTION, null, List.of("tenant-" + served), "active");

        // when
        LaunchResult result = launch();

        // then
        assertThat(tenantRow(bare)).containsEntry("telnyx_voice_status", "active")
            .containsEntry("telnyx_voice_number", unrecorded)
            .containsEntry("telnyx_voice_number_id", unrecordedId)
            .containsEntry("telnyx_voice_customer_reference", "tenant-" + bare + "-3")
            .containsEntry("telnyx_voice_reference_seq", 3);
        assertThat(tenantRow(served)).containsEntry("telnyx_voice_number", held);
        assertThat(findings(result, unrecorded)).containsExactly("unrecorded-purchase/adopted");
        assertThat(findings(result, duplicate)).containsExactly("duplicate-purchase/flagged");
        assertThat(this.simulator.ledger().number(duplicate)).isPresent();
    }

    @Test
    void marksATenantWhoseNumberIsGoneOrPortedOutForReprovisioning() {
        // given
        String absent = newNumber();
        long lost = tenant("active", absent, "999000111", null, null, true);
        String portedOut = newNumber();
        long ported = tenant("active", portedOut, own(portedOut, OUR_CONNECTION, null, "ported-out"), null, null, true);

        // when
        LaunchResult result = launch();

        // then
        for (long tenant : List.of(lost, ported)) {
            assertThat(tenantRow(tenant)).containsEntry("telnyx_voice_status", null)
                .containsEntry("telnyx_voice_number", null)
                .containsEntry("telnyx_voice_number_id", null)
                .containsEntry("telnyx_voice_failure_field", "reconciliation");
        }
        assertThat((String) tenantRow(lost).get("telnyx_voice_failure_reason")).contains("no longer in the Telnyx account");
        assertThat((String) tenantRow(ported).get("telnyx_voice_failure_reason")).contains("ported-out");
        assertThat(findings(result, absent)).containsExactly("number-gone/marked-for-reprovisioning");
        assertThat(findings(result, portedOut)).containsExactly("number-gone/marked-for-reprovisioning");
    }

    @Test
    void reattachesATenantNumberToTheVoiceConnectionAndTheSharedNumberToItsMessagingProfile() {
        // given
        String stray = newNumber();
        tenant("active", stray, own(stray, "someone-elses-connection", null, "active"), null, null, true);
        String sms = newNumber();
        own(sms, null, null, "active");
        String profile = messagingProfile();
        this.jdbc.update("UPDATE system_config SET telnyx_sms_number = ?, telnyx_sms_messaging_profile_id = ?", sms,
                profile);
        double before = counter("wrong-connection", "reattached");

        // when
        LaunchResult result = launch();

        // then
        assertThat(this.simulator.ledger().number(stray).orElseThrow().connectionId()).isEqualTo(OUR_CONNECTION);
        assertThat(this.simulator.ledger().number(sms).orElseThrow().messagingProfileId()).isEqualTo(profile);
        assertThat(findings(result, stray)).containsExactly("wrong-connection/reattached");
        assertThat(findings(result, sms)).containsExactly("sms-profile-drift/reassigned");
        assertThat(counter("wrong-connection", "reattached")).isGreaterThanOrEqualTo(before + 1);
    }

    @Test
    void reportsUnownedNumbersAndNumbersOfDeactivatedTenantsWithoutReleasingThemByDefault() {
        // given
        String unowned = newNumber();
        own(unowned, OUR_CONNECTION, null, "active");
        String former = newNumber();
        tenant("active", former, own(former, OUR_CONNECTION, null, "active"), null, null, false);
        int deletes = this.simulator.ledger().requests("DELETE", "/phone_numbers/.*").size();

        // when
        LaunchResult result = launch();

        // then
        assertThat(findings(result, unowned)).containsExactly("unowned-number/reported");
        assertThat(findings(result, former)).containsExactly("inactive-tenant-number/reported");
        assertThat(this.simulator.ledger().requests("DELETE", "/phone_numbers/.*")).hasSize(deletes);
        assertThat(this.simulator.ledger().number(unowned)).isPresent();
        assertThat(this.jdbc.queryForObject("SELECT count(*) FROM reconciliation_unowned_numbers WHERE phone_number IN (?, ?)",
                Integer.class, unowned, former)).isEqualTo(2);
    }

    @Test
    void aDryRunReportsEverythingAndChangesNothingAtTelnyxOrInOurTables() {
        // given one difference of every kind that would make the job act
        Scenario scenario = everyActionableDifference();
        List<Map<String, Object>> tenantsBefore = this.jdbc.queryForList("SELECT * FROM tenants ORDER BY id");
        Map<String, Object> configBefore = this.jdbc.queryForMap("SELECT * FROM system_config");
        List<Map<String, Object>> unownedBefore = this.jdbc
            .queryForList("SELECT * FROM reconciliation_unowned_numbers ORDER BY phone_number");
        List<LedgerNumber> inventoryBefore = this.simulator.ledger().inventory();
        int requestsBefore = this.simulator.ledger().requests().size();

        // when
        LaunchResult result = this.launches.launch(JOB,
                new JobParametersBuilder().addString("dryRun", "true").toJobParameters());

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(this.jdbc.queryForList("SELECT * FROM tenants ORDER BY id")).isEqualTo(tenantsBefore);
        assertThat(this.jdbc.queryForMap("SELECT * FROM system_config")).isEqualTo(configBefore);
        assertThat(this.jdbc.queryForList("SELECT * FROM reconciliation_unowned_numbers ORDER BY phone_number"))
            .isEqualTo(unownedBefore);
        assertThat(this.simulator.ledger().inventory()).isEqualTo(inventoryBefore);
        List<LedgerRequest> made = this.simulator.ledger().requests().subList(requestsBefore,
                this.simulator.ledger().requests().size());
        assertThat(made).isNotEmpty().allSatisfy(request -> assertThat(request.method()).isEqualTo("GET"));
        assertThat(findings(result, scenario.adoptable())).containsExactly("unrecorded-purchase/would-adopt");
        assertThat(findings(result, scenario.gone())).containsExactly("number-gone/would-mark-for-reprovisioning");
        assertThat(findings(result, scenario.stray())).containsExactly("wrong-connection/would-reattach");
        assertThat(findings(result, scenario.completed())).containsExactly("pending-order-completed/would-activate");
        assertThat(findings(result, scenario.unowned())).containsExactly("unowned-number/reported");
        assertThat(this.jdbc.queryForObject(
                "SELECT bool_and(dry_run) FROM reconciliation_findings WHERE job_execution_id = ?", Boolean.class,
                result.execution().getId())).isTrue();
    }

    @Test
    void aSecondRunAfterTheRepairsFindsNothingToActOn() {
        // given
        Scenario scenario = everyActionableDifference();
        LaunchResult first = launch();
        assertThat(findings(first, scenario.stray())).containsExactly("wrong-connection/reattached");
        int requestsBefore = this.simulator.ledger().requests().size();

        // when
        LaunchResult second = launch();

        // then
        List<LedgerRequest> made = this.simulator.ledger().requests().subList(requestsBefore,
                this.simulator.ledger().requests().size());
        assertThat(made).allSatisfy(request -> assertThat(request.method()).isEqualTo("GET"));
        assertThat(this.jdbc.queryForList("SELECT DISTINCT action FROM reconciliation_findings WHERE job_execution_id = ?",
                String.class, second.execution().getId())).isSubsetOf("reported", "flagged");
        for (String number : List.of(scenario.adoptable(), scenario.gone(), scenario.stray(), scenario.completed())) {
            assertThat(findings(second, number)).isEmpty();
        }
        assertThat(findings(second, scenario.unowned())).containsExactly("unowned-number/reported");
    }

    @Test
    void releasesUnownedNumbersOnlyAfterTheQuarantineAndNeverMoreThanTheCapPerRun() {
        // given three unowned numbers this service bought (a tenant row since deleted), a deactivated tenant's
        // number, a tenant's own, and one bought by hand (no reference of ours), all seen by a run now
        this.jdbc.update("DELETE FROM reconciliation_unowned_numbers");
        List<String> unowned = List.of(newNumber(), newNumber(), newNumber());
        unowned.forEach(number -> own(number, OUR_CONNECTION, "tenant-987654321-" + number.substring(8), "active"));
        String former = newNumber();
        long deactivated = tenant("active", former, own(former, OUR_CONNECTION, "tenant-987654322-1", "active"), null,
                null, false);
        String kept = newNumber();
        tenant("active", kept, own(kept, OUR_CONNECTION, null, "active"), null, null, true);
        String byHand = newNumber();
        own(byHand, OUR_CONNECTION, null, "active");
        LaunchResult seen = launch();
        Instant now = Instant.now();

        // when a day later, release on, quarantine 7 days, cap 2
        int deletesBefore = deletes();
        releaser(now.plus(Duration.ofDays(1)), 2).reconcile(run(seen));

        // then nothing is released yet
        assertThat(deletes()).isEqualTo(deletesBefore);

        // when 8 days later, cap 2
        Run due = run(seen);
        releaser(now.plus(Duration.ofDays(8)), 2).reconcile(due);

        // then exactly two numbers are released, the oldest sightings, and the rest wait for the next run
        assertThat(deletes()).isEqualTo(deletesBefore + 2);
        assertThat(this.jdbc.queryForObject(
                "SELECT count(*) FROM reconciliation_findings WHERE job_execution_id = ? AND action = 'released'",
                Integer.class, due.jobExecutionId())).isEqualTo(2);

        // when 8 days later, with a cap above what is due
        releaser(now.plus(Duration.ofDays(8)), 1000).reconcile(run(seen));

        // then every unowned number and the deactivated tenant's are gone, the tenant's own number is kept
        assertThat(unowned).allSatisfy(number -> assertThat(this.simulator.ledger().number(number)).isEmpty());
        assertThat(this.simulator.ledger().number(former)).isEmpty();
        assertThat(tenantRow(deactivated)).containsEntry("telnyx_voice_number", null);
        assertThat(this.simulator.ledger().number(kept)).isPresent();
        // and the number bought by hand is reported, never released
        assertThat(this.simulator.ledger().number(byHand)).isPresent();
        assertThat(this.jdbc.queryForObject("SELECT details FROM reconciliation_findings WHERE phone_number = ? "
                + "ORDER BY id DESC LIMIT 1", String.class, byHand)).startsWith("never released: not bought by this service");
    }

    private record Scenario(String adoptable, String gone, String stray, String completed, String unowned) {
    }

    private Scenario everyActionableDifference() {
        long bare = tenant(null, null, null, null, null, true);
        String adoptable = newNumber();
        own(adoptable, OUR_CONNECTION, "tenant-" + bare + "-1", "active");
        String gone = newNumber();
        tenant("active", gone, "999000222", null, null, true);
        String stray = newNumber();
        tenant("active", stray, own(stray, "someone-elses-connection", null, "active"), null, null, true);
        String completed = newNumber();
        tenant("ordered", completed, null, "tenant-ref-" + completed, "order-x", true);
        own(completed, OUR_CONNECTION, "tenant-ref-" + completed, "active");
        String unowned = newNumber();
        own(unowned, OUR_CONNECTION, null, "active");
        return new Scenario(adoptable, gone, stray, completed, unowned);
    }

    private UnownedNumberReleaser releaser(Instant at, int cap) {
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        UnownedNumberRepository repository = new UnownedNumberRepository(this.jdbc, clock,
                new CustomerReferences(""));
        return new UnownedNumberReleaser(repository, this.tenantRepairs, this.telnyx,
                new ReconciliationProperties(true, Duration.ofDays(7), cap, 250, 200), this.fence);
    }

    /** A run of its own (findings are keyed by it) on the inventory the last job run staged. */
    private static Run run(LaunchResult staged) {
        return new Run(-ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), false,
                staged.execution().getStartTime().toInstant(ZoneOffset.UTC));
    }

    private int deletes() {
        return this.simulator.ledger().requests("DELETE", "/phone_numbers/.*").size();
    }

    @Override
    protected LaunchResult launch() {
        LaunchResult result = super.launch();
        assertThat(result.exitCode()).as(result.summary()).isZero();
        return result;
    }

    private static String newNumber() {
        int line = LINES.incrementAndGet();
        return String.format("+1%s7%02d%04d", line % 2 == 0 ? "406" : "605", (line / 10000) % 100, line % 10000);
    }

    private String own(String number, String connectionId, String reference, String status) {
        return this.simulator.control().addOwnedNumber(number, connectionId, reference, List.of(), status);
    }

    private long tenant(String status, String number, String numberId, String reference, String orderId,
            boolean active) {
        return this.jdbc.queryForObject("""
                INSERT INTO tenants (name, state, active, telnyx_voice_status, telnyx_voice_number,
                                     telnyx_voice_number_id, telnyx_voice_customer_reference, telnyx_voice_order_id,
                                     telnyx_voice_updated_at)
                VALUES ('Reconciled Co', 'MT', ?, ?, ?, ?, ?, ?, now() - interval '1 hour') RETURNING id""", Long.class,
                active, status, number, numberId, reference, orderId);
    }

    private Map<String, Object> tenantRow(long id) {
        return this.jdbc.queryForMap("SELECT * FROM tenants WHERE id = ?", id);
    }

    private List<String> findings(LaunchResult result, String number) {
        return this.jdbc.queryForList("""
                SELECT kind || '/' || action FROM reconciliation_findings
                WHERE job_execution_id = ? AND phone_number = ? ORDER BY id""", String.class,
                result.execution().getId(), number);
    }

    private String messagingProfile() {
        MessagingProfile created = this.telnyx.createMessagingProfile(new MessagingProfileSettings(
                "Reconciliation test " + LINES.incrementAndGet(), true, List.of("US"),
                "https://alerts.example.test/api/v1/telnyx/webhooks/sms/inbound",
                "https://alerts.example.test/api/v1/telnyx/webhooks/sms/failover", "2"));
        return created.id();
    }

    private double counter(String kind, String action) {
        var counter = this.meters.find(ReconciliationReport.METER).tags("kind", kind, "action", action).counter();
        return counter == null ? 0 : counter.count();
    }

}
