package com.numbering.provisioning;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.batch.core.BatchStatus;

import com.numbering.JobTestSupport;
import com.numbering.TestDatabases;
import com.numbering.launch.ExitCodes;
import com.numbering.launch.LaunchResult;
import com.numbering.telnyx.sandbox.LedgerOrder;
import com.numbering.telnyx.sandbox.SimulatorSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code provisionVoiceNumbersJob} end to end: real PostgreSQL, the simulator over real HTTP.
 */
class ProvisionVoiceNumbersJobTests extends JobTestSupport {

    ProvisionVoiceNumbersJobTests() {
        super(JOB);
    }

    private static final String JOB = "provisionVoiceNumbersJob";

    @Autowired
    private MeterRegistry meters;

    @BeforeEach
    void noTenants() {
        TestDatabases.deleteTenants(this.jdbc);
    }

    @Test
    void givesATenantANumberInItsOwnAreaCodeOnTheVoiceConnection() {
        long id = tenant("Golden Gate Plumbing", "(415) 555-2671", "CA");

        LaunchResult result = launch();

        assertThat(result.exitCode()).isZero();
        Map<String, Object> row = row(id);
        assertThat(row.get("telnyx_voice_status")).isEqualTo("active");
        assertThat(row.get("telnyx_voice_tier")).isEqualTo("exact");
        assertThat((String) row.get("telnyx_voice_number")).startsWith("+1415");
        assertThat(row.get("telnyx_voice_number_id")).isNotNull();
        assertThat(row.get("telnyx_voice_order_id")).isNotNull();
        assertThat(this.simulator.ledger().number((String) row.get("telnyx_voice_number")).orElseThrow().connectionId())
            .isEqualTo(SimulatorSettings.DEFAULT_CONNECTION_ID);
        assertThat(ordersFor(id)).hasSize(1);
    }

    @Test
    void fallsBackToAnOverlayWhenTheAreaCodeIsExhausted() {
        this.simulator.control().exhaustAreaCode("212");
        long id = tenant("Midtown Bagels", "+1 212 555 7788", "NY");

        launch();

        assertThat(row(id)).containsEntry("telnyx_voice_status", "active").containsEntry("telnyx_voice_tier", "overlay");
        assertThat(((String) row(id).get("telnyx_voice_number")).substring(2, 5)).isIn("332", "646", "917");
    }

    @Test
    void fallsBackToTheSameStateWhenTheAreaAndItsOverlaysAreExhausted() {
        List.of("303", "720", "983").forEach(this.simulator.control()::exhaustAreaCode);
        long id = tenant("Mile High Roofing", "303-555-2199", "CO");

        launch();

        assertThat(row(id)).containsEntry("telnyx_voice_status", "active").containsEntry("telnyx_voice_tier", "state");
        assertThat(((String) row(id).get("telnyx_voice_number")).substring(2, 5)).isIn("719", "970");
    }

    @Test
    void fallsBackToAnyUsLocalNumberWhenTheWholeStateIsExhaustedAndNeverTakesBestEffortResults() {
        this.simulator.control().exhaustAreaCode("907");
        long id = tenant("Anchorage Fishing", "907 555 4410", "AK");

        launch();

        assertThat(row(id)).containsEntry("telnyx_voice_status", "active").containsEntry("telnyx_voice_tier", "any");
        assertThat(this.simulator.ledger().requests("GET", "/available_phone_numbers"))
            .allSatisfy(search -> assertThat(search.query()).containsEntry("filter[best_effort]", List.of("false")));
    }

    @Test
    void usesTheAddressStateWhenThePhoneIsTollFree() {
        long id = tenant("Tax Help", "1-800-555-0100", "CA");

        launch();

        assertThat(row(id)).containsEntry("telnyx_voice_status", "active").containsEntry("telnyx_voice_tier", "state");
    }

    @Test
    void recordsWhyATenantWithoutAUsablePhoneOrAddressFailedAndGoesOnWithTheOthers() {
        long garbage = tenant("Sunset Yoga", "call me maybe", null);
        long missing = tenant("No Contact", null, null);
        long good = tenant("Mission Dental", "415.555.3344", "CA");

        LaunchResult result = launch();

        assertThat(result.exitCode()).isZero();
        assertThat(row(garbage)).containsEntry("telnyx_voice_status", "failed")
            .containsEntry("telnyx_voice_failure_field", "phone/state");
        assertThat((String) row(garbage).get("telnyx_voice_failure_reason")).contains("phone: not a phone number")
            .contains("state: missing");
        assertThat((String) row(missing).get("telnyx_voice_failure_reason")).contains("phone: missing");
        assertThat(row(good)).containsEntry("telnyx_voice_status", "active");
    }

    @Test
    void neverTouchesInactiveTenants() {
        long closed = tenant("Closed Cafe", "(617) 555-3142", "MA");
        this.jdbc.update("UPDATE tenants SET active = false WHERE id = ?", closed);

        launch();

        assertThat(row(closed).get("telnyx_voice_status")).isNull();
        assertThat(ordersFor(closed)).isEmpty();
    }

    @Test
    void movesToTheNextCandidateWhenSomeoneElseBuysTheNumberFirst() {
        this.simulator.control().stealNextOrderedNumbers(1);
        long id = tenant("Raced Tenant", "(512) 555-2671", "TX");

        launch();

        assertThat(row(id)).containsEntry("telnyx_voice_status", "active")
            .containsEntry("telnyx_voice_customer_reference", "tenant-" + id + "-2");
        assertThat(ordersFor(id)).hasSize(1);
    }

    @Test
    void slowsDownOnRateLimitsAndStillCompletes() {
        this.simulator.control().setRequestsPerSecond(8);
        List<Long> ids = List.of(tenant("A", "(206) 555-2001", "WA"), tenant("B", "(206) 555-2002", "WA"),
                tenant("C", "(206) 555-2003", "WA"), tenant("D", "(425) 555-2004", "WA"),
                tenant("E", "(425) 555-2005", "WA"), tenant("F", "(509) 555-2006", "WA"));
        int before = this.simulator.ledger().count429();

        LaunchResult result = launch();

        assertThat(result.exitCode()).isZero();
        assertThat(this.simulator.ledger().count429()).isGreaterThan(before);
        ids.forEach(id -> assertThat(row(id)).containsEntry("telnyx_voice_status", "active"));
    }

    @Test
    void aFatalConfigurationErrorStopsTheJobWithoutFailingAnyTenantAndTheRestartFinishesTheWork() {
        long id = tenant("Bad Config Co", "(702) 555-2671", "NV");
        this.simulator.control().failNext("POST", "/number_orders", 422, "85004", 1);

        LaunchResult failed = launch();

        assertThat(failed.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(row(id).get("telnyx_voice_status")).isNotEqualTo("failed");

        LaunchResult restarted = launch();

        assertThat(restarted.exitCode()).isZero();
        assertThat(restarted.execution().getJobInstance().getInstanceId())
            .isEqualTo(failed.execution().getJobInstance().getInstanceId());
        assertThat(row(id)).containsEntry("telnyx_voice_status", "active");
        assertThat(ordersFor(id)).hasSize(1);
    }

    @Test
    void aFatalErrorEndsTheRunOnlyOnceTheOtherTenantsOfItsChunkHaveSettled() {
        // given the chunk's first tenant follows an order Telnyx will refuse to show (a bad key), and every call
        // takes long enough that the chunk's other tenants are still buying when that tenant fails
        long first = tenant("Follows An Order", "(415) 555-2621", "CA");
        this.jdbc.update("UPDATE tenants SET telnyx_voice_status = 'ordered', telnyx_voice_number = '+14155550998', "
                + "telnyx_voice_customer_reference = ?, telnyx_voice_order_id = 'order-y', telnyx_voice_reference_seq = 1 "
                + "WHERE id = ?", "tenant-" + first + "-1", first);
        List<Long> others = List.of(tenant("Settles A", "(415) 555-2622", "CA"), tenant("Settles B", "(415) 555-2623", "CA"),
                tenant("Settles C", "(415) 555-2624", "CA"));
        this.simulator.control().failNext("GET", "/number_orders/.*", 401, "10009", 1);
        this.simulator.control().setLatency(java.time.Duration.ofMillis(300));

        // when
        LaunchResult failed = launch();

        // then the run stopped on the configuration error, and only after every other tenant had its number
        assertThat(failed.exitCode()).as(failed.summary()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(row(first)).containsEntry("telnyx_voice_status", "ordered");
        others.forEach(id -> {
            assertThat(row(id)).as("tenant " + id).containsEntry("telnyx_voice_status", "active");
            assertThat(ordersFor(id)).hasSize(1);
        });
    }

    @Test
    void anOrderWhoseAnswerWasLostIsAdoptedByTheNextRunNotBoughtAgain() {
        long id = tenant("Lost Answer Co", "(404) 555-2671", "GA");
        this.simulator.control().dropAfterProcessing("POST", "/number_orders", 1);

        launch();
        assertThat(row(id)).containsEntry("telnyx_voice_status", "available")
            .containsEntry("telnyx_voice_failure_field", "telnyx-order-outcome");
        assertThat(row(id).get("telnyx_voice_failure_reason")).asString()
            .startsWith("order outcome unknown (unresolved look 1 of 5");
        assertThat(row(id).get("telnyx_voice_next_attempt_at")).isNotNull();
        assertThat(ordersFor(id)).hasSize(1);

        launch();

        assertThat(row(id)).containsEntry("telnyx_voice_status", "active");
        assertThat(ordersFor(id)).hasSize(1);
        assertThat(row(id).get("telnyx_voice_order_id")).isEqualTo(ordersFor(id).get(0).id());
    }

    @Test
    void anOrderWhoseOutcomeStaysUnknownIsCountedAndEscalatedForAHumanAfterTheStatedLooksNeverBoughtTwice() {
        // given every order answers 500: Telnyx may or may not have placed it, and nothing says which
        long id = tenant("Unknown Outcome Co", "(503) 555-2671", "OR");
        this.simulator.control().failNext("POST", "/number_orders", 500, "10007", 100);
        double before = unknownOutcomes("false") + unknownOutcomes("true");

        // when the job looks at it as often as provisioning allows attempts
        for (int look = 0; look < 5; look++) {
            launch();
        }

        // then each look was counted, the last one escalated, and the intent kept (the order may exist)
        assertThat(unknownOutcomes("false") + unknownOutcomes("true") - before).isEqualTo(5);
        assertThat(unknownOutcomes("true")).isGreaterThanOrEqualTo(1);
        Map<String, Object> row = row(id);
        assertThat(row).containsEntry("telnyx_voice_status", "available")
            .containsEntry("telnyx_voice_failure_field", "telnyx-order-outcome");
        assertThat(row.get("telnyx_voice_failure_reason")).asString()
            .startsWith("NEEDS A HUMAN: order outcome unknown (unresolved look 5 of 5")
            .doesNotContain((String) row.get("telnyx_voice_number"));
        assertThat(((java.sql.Timestamp) row.get("telnyx_voice_next_attempt_at")).toInstant())
            .isAfter(java.time.Instant.now().plus(java.time.Duration.ofHours(23)));
        assertThat(ordersFor(id)).isEmpty();
    }

    @Test
    void aTelnyxOutageWhileFollowingAnOrderKeepsTheOrderAndNeverBuysAgain() {
        long id = tenant("Outage Co", "(615) 555-2671", "TN");
        // every look at the inventory fails, beyond the adapter's retries
        this.simulator.control().failNext("GET", "/phone_numbers", 503, "10037", 3);

        launch();

        assertThat(row(id)).containsEntry("telnyx_voice_status", "ordered");
        assertThat(row(id).get("telnyx_voice_failure_reason")).asString().contains("503");

        launch();

        assertThat(row(id)).containsEntry("telnyx_voice_status", "active");
        assertThat(ordersFor(id)).hasSize(1);
    }

    @Test
    void twoConcurrentLaunchesGiveOneTenantOneNumber() {
        long id = tenant("Popular Tenant", "(312) 555-2671", "IL");

        CompletableFuture<LaunchResult> one = CompletableFuture.supplyAsync(this::launch);
        CompletableFuture<LaunchResult> two = CompletableFuture.supplyAsync(this::launch);

        assertThat(List.of(one.join(), two.join())).allSatisfy(r -> assertThat(r.exitCode()).isZero());
        assertThat(row(id)).containsEntry("telnyx_voice_status", "active");
        assertThat(ordersFor(id)).hasSize(1);
    }

    private double unknownOutcomes(String escalated) {
        var counter = this.meters.find(VoiceNumberProvisioner.UNKNOWN_OUTCOMES).tag("escalated", escalated).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void opsProvisionOneNamedTenantNowWhateverItsBackoffAndNoOther() {
        long named = tenant("Named Now", "(415) 555-2690", "CA");
        long waiting = tenant("Not Named", "(415) 555-2691", "CA");
        this.jdbc.update("UPDATE tenants SET telnyx_voice_next_attempt_at = now() + interval '1 day' WHERE id = ?", named);

        LaunchResult result = this.launches.launch(JOB, new JobParametersBuilder()
            .addString(ProvisioningJobConfiguration.TENANT_ID, String.valueOf(named))
            .toJobParameters());

        assertThat(result.exitCode()).as(result.summary()).isZero();
        assertThat(row(named)).containsEntry("telnyx_voice_status", "active");
        assertThat(row(waiting).get("telnyx_voice_status")).as("not named, not touched").isNull();
        assertThat(ordersFor(waiting)).isEmpty();
    }

    @Test
    void ordersRefusedTheSameWayStopTheRunsOrderingWithItsOwnExitCode() {
        // given Telnyx refuses every order the same way, and three tenants are due
        this.simulator.control().failNext("POST", "/number_orders", 422, "10027", 100);
        long[] due = { tenant("Refused A", "(415) 555-2601", "CA"), tenant("Refused B", "(415) 555-2602", "CA"),
                tenant("Refused C", "(415) 555-2603", "CA") };
        int callsBefore = this.simulator.ledger().requests("POST", "/number_orders").size();

        // when
        LaunchResult result = launch();

        // then the circuit (5 in a row) stopped ordering: a handful of orders, not one per candidate, and the run
        // says so with its exit code; every tenant waits with a reason and holds no intent
        assertThat(result.exitCode()).as(result.summary()).isEqualTo(ExitCodes.ORDERING_STOPPED);
        int calls = this.simulator.ledger().requests("POST", "/number_orders").size() - callsBefore;
        assertThat(calls).as("order calls").isBetween(5, 5 + 7);
        for (long id : due) {
            assertThat(row(id).get("telnyx_voice_failure_reason")).as("tenant " + id).isNotNull();
            assertThat(row(id).get("telnyx_voice_status")).isNotIn("available", "ordered", "active");
        }
        assertThat(this.meters.counter("numbering.provisioning.orders.stopped", "reason", "refusal_circuit").count()).isPositive();
    }

    @Test
    void aDryRunPlansFromRealSearchesWithinTheCeilingAndBuysNothing() {
        // given tenants that would get a number, one that cannot, and one already waiting on its order
        long exact = tenant("Plan Exact", "(415) 555-2611", "CA");
        long byState = tenant("Plan State", "(800) 555-0100", "NV");
        long nowhere = tenant("Plan Nowhere", null, null);
        long ordered = tenant("Plan Ordered", "(415) 555-2612", "CA");
        this.jdbc.update("UPDATE tenants SET telnyx_voice_status = 'ordered', telnyx_voice_number = '+14155550999', "
                + "telnyx_voice_customer_reference = ?, telnyx_voice_order_id = 'order-x', telnyx_voice_reference_seq = 1 "
                + "WHERE id = ?", "tenant-" + ordered + "-1", ordered);
        String before = this.jdbc.queryForObject("SELECT string_agg(t::text, '|' ORDER BY id) FROM tenants t", String.class);
        int searchesBefore = this.simulator.ledger().requests("GET", "/available_phone_numbers").size();
        int ordersBefore = this.simulator.ledger().requests("POST", "/number_orders").size();

        // when
        LaunchResult result = this.launches.launch(JOB, new JobParametersBuilder()
            .addString("dryRun", "true")
            .toJobParameters());

        // then nothing was bought or changed, and each tenant's plan is recorded from real searches
        assertThat(result.exitCode()).as(result.summary()).isZero();
        assertThat(this.simulator.ledger().requests("POST", "/number_orders")).hasSize(ordersBefore);
        assertThat(this.simulator.ledger().requests("GET", "/available_phone_numbers").size()).isGreaterThan(searchesBefore);
        assertThat(this.jdbc.queryForObject("SELECT string_agg(t::text, '|' ORDER BY id) FROM tenants t", String.class))
            .as("tenants untouched").isEqualTo(before);
        long execution = result.execution().getId();
        assertThat(plan(execution, exact)).containsEntry("action", "would-order").containsEntry("tier", "exact")
            .containsEntry("area_code", "415");
        assertThat(plan(execution, byState)).containsEntry("action", "would-order").containsEntry("tier", "state");
        assertThat(plan(execution, nowhere)).containsEntry("action", "would-fail");
        assertThat(plan(execution, ordered)).containsEntry("action", "would-follow");
    }

    private Map<String, Object> plan(long execution, long tenant) {
        return this.jdbc.queryForMap("SELECT * FROM provisioning_plans WHERE job_execution_id = ? AND tenant_id = ?",
                execution, String.valueOf(tenant));
    }

    private long tenant(String name, String phone, String state) {
        return this.jdbc.queryForObject("INSERT INTO tenants (name, phone, state) VALUES (?, ?, ?) RETURNING id",
                Long.class, name, phone, state);
    }

    private Map<String, Object> row(long id) {
        return this.jdbc.queryForMap("SELECT * FROM tenants WHERE id = ?", id);
    }

    private List<LedgerOrder> ordersFor(long id) {
        return this.simulator.ledger()
            .orders()
            .stream()
            .filter(order -> order.customerReference() != null
                    && order.customerReference().startsWith("tenant-" + id + "-"))
            .toList();
    }

}
