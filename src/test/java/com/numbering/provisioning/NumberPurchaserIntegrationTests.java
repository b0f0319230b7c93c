package com.numbering.provisioning;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.LocalModeTest;
import com.numbering.local.ContractRecorder;
import com.numbering.numbers.AreaCodeResolver;
import com.numbering.numbers.CandidatePools;
import com.numbering.numbers.DailyOrderCount;
import com.numbering.numbers.NumberPurchaser;
import com.numbering.numbers.OrderLimits;
import com.numbering.numbers.OrderProperties;
import com.numbering.numbers.PurchaseResult;
import com.numbering.numbers.SearchLadder;
import com.numbering.support.SpendFence;
import com.numbering.telnyx.TelnyxGateway.NumberOrder;
import com.numbering.telnyx.TelnyxGateway.NumberOrderRequest;
import com.numbering.telnyx.TelnyxGateway.NumberSearch;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.sandbox.LedgerOrder;
import com.numbering.telnyx.sandbox.SimulatorSettings;
import com.numbering.telnyx.sandbox.TelnyxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NumberPurchaser}'s state machine on a real tenant row and the simulator: whatever state a previous run left
 * (nothing, an intent, an order), one purchase ends with one order at most.
 * <p>
 * It lives in provisioning, not numbers: the record it buys through is the tenant's ({@link TenantVoiceRepository},
 * package-private), whose compare-and-set updates are half of what a crash leaves to resolve. Numbers' rules without a
 * database are tested in numbers ({@code CandidatePoolsTests}, {@code SearchLadderTests}).
 */
@LocalModeTest
class NumberPurchaserIntegrationTests {

    private static final String CONNECTION = SimulatorSettings.DEFAULT_CONNECTION_ID;

    @Autowired
    private NumberPurchaser voiceNumberPurchaser;

    @Autowired
    private TenantVoiceRepository tenants;

    @Autowired
    private SearchLadder ladder;

    @Autowired
    private AreaCodeResolver resolver;

    @Autowired
    private TelnyxGateway telnyx;

    @Autowired
    private TelnyxSimulator simulator;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ContractRecorder contract;

    @Autowired
    private DailyOrderCount dailyOrders;

    @Autowired
    private SpendFence fence;

    private String tenantId;

    private int orderCallsBefore;

    @BeforeEach
    void aTenantInSanFrancisco() {
        this.orderCallsBefore = this.simulator.ledger().requests("POST", "/number_orders").size();
        this.tenantId = this.jdbc.queryForObject(
                "INSERT INTO tenants (name, phone, state) VALUES ('Purchaser Co', '+14155552671', 'CA') RETURNING id::text",
                String.class);
    }

    @AfterEach
    void resetSimulator() {
        this.simulator.control().reset();
    }

    @Test
    void aFreshPurchaseCommitsItsIntentOrdersOnceAndBuysTheNumber() {
        PurchaseResult result = purchase();

        assertThat(result).isInstanceOf(PurchaseResult.Bought.class);
        assertThat(ordersFor(reference(1))).hasSize(1);
        assertThat(row().status().column()).isEqualTo("ordered");
        assertThat(row().orderId()).isEqualTo(ordersFor(reference(1)).get(0).id());
    }

    @Test
    void anIntentWhoseOrderWasNeverPlacedIsOrderedOnce() {
        String number = availableNumber();
        intent(number, reference(1));

        PurchaseResult result = purchase();

        assertThat(result).isInstanceOfSatisfying(PurchaseResult.Bought.class,
                bought -> assertThat(bought.number().phoneNumber()).isEqualTo(number));
        assertThat(ordersFor(reference(1))).hasSize(1);
    }

    @Test
    void anIntentWhoseOrderExistsIsAdoptedNotOrderedAgain() {
        String number = availableNumber();
        intent(number, reference(1));
        this.telnyx.orderNumber(new NumberOrderRequest(number, CONNECTION, null, reference(1)));

        PurchaseResult result = purchase();

        assertThat(result).isInstanceOf(PurchaseResult.Bought.class);
        assertThat(ordersFor(reference(1))).hasSize(1);
        assertThat(row().orderId()).isEqualTo(ordersFor(reference(1)).get(0).id());
    }

    @Test
    void anOrderOnTheRowIsFollowedNotPlacedAgain() {
        String number = availableNumber();
        intent(number, reference(1));
        NumberOrder order = this.telnyx.orderNumber(new NumberOrderRequest(number, CONNECTION, null, reference(1)));
        this.jdbc.update("UPDATE tenants SET telnyx_voice_status = 'ordered', telnyx_voice_order_id = ? WHERE id::text = ?",
                order.id(), this.tenantId);
        int ordersBefore = this.simulator.ledger().orders().size();

        PurchaseResult result = purchase();

        assertThat(result).isInstanceOfSatisfying(PurchaseResult.Bought.class,
                bought -> assertThat(bought.number().phoneNumber()).isEqualTo(number));
        assertThat(this.simulator.ledger().orders()).hasSize(ordersBefore);
    }

    @Test
    void aLostAnswerIsAnUnknownOutcomeThatTheNextAttemptResolvesWithoutASecondOrder() {
        // two drops: the SDK's transport resends a POST once on its own
        this.simulator.control().dropAfterProcessing("POST", "/number_orders", 2);

        PurchaseResult lost = purchase();

        assertThat(lost).isInstanceOf(PurchaseResult.OutcomeUnknown.class);
        assertThat(row().status().column()).isEqualTo("available");
        this.simulator.control().reset();

        PurchaseResult resolved = purchase();

        assertThat(resolved).isInstanceOf(PurchaseResult.Bought.class);
        assertThat(ordersFor(reference(1))).hasSize(1);
    }

    @Test
    void aNumberThatCannotBeOrderedIsAbandonedAndTheNextCandidateBought() {
        this.simulator.control().stealNextOrderedNumbers(1);

        PurchaseResult result = purchase();

        assertThat(result).isInstanceOf(PurchaseResult.Bought.class);
        assertThat(ordersFor(reference(1))).as("refused, nothing bought under it").allMatch(o -> !"success".equals(o.status()));
        assertThat(ordersFor(reference(2))).hasSize(1);
        assertThat(row().referenceSeq()).isEqualTo(2);
    }

    @Test
    void anOrderStatusNewerThanThisClientIsFollowedNeverTakenForAFailure() {
        // given Telnyx reports pending orders in a status the SDK does not know, and lists their numbers late
        this.simulator.control().reportPendingOrdersAs("processing");

        // when
        PurchaseResult result = purchase();

        // then the one order is followed (bought, or left pending for the next run), never abandoned for another
        assertThat(result).isInstanceOfAny(PurchaseResult.Bought.class, PurchaseResult.Pending.class);
        assertThat(ordersFor(reference(1))).hasSize(1);
        assertThat(ordersFor(reference(2))).as("a second order for the same tenant").isEmpty();
        assertThat(row().referenceSeq()).isEqualTo(1);
        assertThat(row().orderId()).isEqualTo(ordersFor(reference(1)).get(0).id());
        // and the only traffic outside Telnyx's spec is the status it reported beyond its own enum
        assertThat(this.contract.violations()).isNotEmpty().allMatch(violation -> violation.contains("status"));
        this.contract.clear();
    }

    @Test
    void aProxysBadGatewayAfterTheOrderWasPlacedIsResolvedByItsReferenceNotOrderedAgain() {
        // given Telnyx places the order, and a proxy in front of it answers 502 with its own page
        this.simulator.control().proxyErrorAfterProcessing("POST", "/number_orders", 502, 1);

        // when
        PurchaseResult first = purchase();
        PurchaseResult next = purchase();

        // then the first attempt's outcome is unknown, the next one adopts that order: one order for the tenant
        assertThat(first).isInstanceOf(PurchaseResult.OutcomeUnknown.class);
        assertThat(next).isInstanceOf(PurchaseResult.Bought.class);
        assertThat(orderCalls()).isEqualTo(1);
        assertThat(ordersFor(reference(1))).hasSize(1);
    }

    @Test
    void aTenantWhoseOrdersAreRefusedStopsAtThreeRefusalsAndWaits() {
        // given Telnyx refuses every order the same way
        this.simulator.control().failNext("POST", "/number_orders", 422, "10027", 50);

        // when
        PurchaseResult result = purchase(limits(3, 10, 100, 1000));

        // then three orders, not one per candidate, and the tenant holds no intent
        assertThat(result).isInstanceOfSatisfying(PurchaseResult.Refused.class,
                refused -> assertThat(refused.reason()).contains("refused 3 orders"));
        assertThat(orderCalls()).isEqualTo(3);
        assertThat(row().mayHoldANumber()).isFalse();
    }

    @Test
    void theSameRefusalAcrossTenantsOpensTheCircuitAndStopsOrderingForTheRun() {
        // given three tenants and one run's limits: three refusals per tenant, five in a row stop the run
        this.simulator.control().failNext("POST", "/number_orders", 422, "10027", 50);
        OrderLimits run = limits(3, 5, 100, 1000);
        String second = tenant("Second Co");
        String third = tenant("Third Co");

        // when
        PurchaseResult first = purchase(this.tenantId, run);
        PurchaseResult next = purchase(second, run);
        PurchaseResult last = purchase(third, run);

        // then 3 + 2 orders, then none: the circuit says why
        assertThat(first).isInstanceOf(PurchaseResult.Refused.class);
        assertThat(next).isInstanceOfSatisfying(PurchaseResult.Stopped.class,
                stopped -> assertThat(stopped.why()).isEqualTo(OrderLimits.Stop.REFUSAL_CIRCUIT));
        assertThat(last).isInstanceOf(PurchaseResult.Stopped.class);
        assertThat(orderCalls()).isEqualTo(5);
        assertThat(run.stopped()).contains(OrderLimits.Stop.REFUSAL_CIRCUIT);
    }

    @Test
    void theRunCeilingStopsOrderingBeforeAnyIntentIsWritten() {
        // given a run that may place one order
        OrderLimits run = limits(3, 5, 1, 1000);
        String second = tenant("Second Co");

        // when
        PurchaseResult first = purchase(this.tenantId, run);
        PurchaseResult next = purchase(second, run);

        // then
        assertThat(first).isInstanceOf(PurchaseResult.Bought.class);
        assertThat(next).isInstanceOfSatisfying(PurchaseResult.Stopped.class,
                stopped -> assertThat(stopped.why()).isEqualTo(OrderLimits.Stop.RUN_CEILING));
        assertThat(orderCalls()).isEqualTo(1);
        assertThat(this.jdbc.queryForObject("SELECT telnyx_voice_status FROM tenants WHERE id::text = ?", String.class,
                second)).as("no intent left behind").isNull();
    }

    @Test
    void theDayCeilingHoldsAcrossRuns() {
        // given today's count already one short of a ceiling of 2, taken by an earlier run
        this.jdbc.update("DELETE FROM number_orders_daily");
        limits(3, 5, 100, 2).take();
        String second = tenant("Second Co");

        // when another run orders for two tenants
        OrderLimits run = limits(3, 5, 100, 2);
        PurchaseResult first = purchase(this.tenantId, run);
        PurchaseResult next = purchase(second, run);

        // then only one more order was placed today
        assertThat(first).isInstanceOf(PurchaseResult.Bought.class);
        assertThat(next).isInstanceOfSatisfying(PurchaseResult.Stopped.class,
                stopped -> assertThat(stopped.why()).isEqualTo(OrderLimits.Stop.DAY_CEILING));
        assertThat(orderCalls()).isEqualTo(1);
        this.jdbc.update("DELETE FROM number_orders_daily");
    }

    private OrderLimits limits(int refusalsPerBuyer, int circuit, int perRun, int perDay) {
        return new OrderLimits(new OrderProperties(refusalsPerBuyer, circuit, perRun, perDay, ""), this.dailyOrders, this.fence);
    }

    private String tenant(String name) {
        return this.jdbc.queryForObject(
                "INSERT INTO tenants (name, phone, state) VALUES (?, '+14155552671', 'CA') RETURNING id::text",
                String.class, name);
    }

    private long orderCalls() {
        return this.simulator.ledger().requests("POST", "/number_orders").size() - this.orderCallsBefore;
    }

    private PurchaseResult purchase() {
        return purchase(limits(3, 5, 100, 100000));
    }

    private PurchaseResult purchase(OrderLimits limits) {
        return purchase(this.tenantId, limits);
    }

    private PurchaseResult purchase(String tenantId, OrderLimits limits) {
        TenantRow tenant = this.jdbc.queryForObject(
                "SELECT " + TenantVoiceRepository.COLUMNS + " FROM tenants WHERE id::text = ?",
                TenantVoiceRepository.ROW, tenantId);
        TenantPlan plan = new TenantPlan(tenant, this.resolver.resolve(tenant.phone(), tenant.state()), List.of());
        return this.voiceNumberPurchaser.purchase(this.tenants.purchaseRecord(tenantId, "415"), tenant.purchase(),
                this.ladder.rungs(plan.origin(), "voice"), CandidatePools.forRun(this.telnyx, Clock.systemUTC()),
                limits, new NumberOrderRequest(null, CONNECTION, null, null));
    }

    private String availableNumber() {
        return this.telnyx.searchLocalNumbers(new NumberSearch("415", null, List.of("voice"), 1)).get(0).phoneNumber();
    }

    /** What a run that died right after committing its intent leaves. */
    private void intent(String number, String reference) {
        this.jdbc.update("""
                UPDATE tenants SET telnyx_voice_status = 'available', telnyx_voice_number = ?,
                       telnyx_voice_customer_reference = ?, telnyx_voice_reference_seq = 1
                WHERE id::text = ?""", number, reference, this.tenantId);
    }

    private TenantRow row() {
        return this.jdbc.queryForObject("SELECT " + TenantVoiceRepository.COLUMNS + " FROM tenants WHERE id::text = ?",
                TenantVoiceRepository.ROW, this.tenantId);
    }

    private String reference(int seq) {
        return "tenant-" + this.tenantId + "-" + seq;
    }

    private List<LedgerOrder> ordersFor(String reference) {
        return this.simulator.ledger().orders().stream().filter(o -> reference.equals(o.customerReference())).toList();
    }

}
