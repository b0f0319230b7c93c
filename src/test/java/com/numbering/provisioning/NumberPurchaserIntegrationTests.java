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
import com.numbering.numbers.NumberPurchaser;
import com.numbering.numbers.PurchaseResult;
import com.numbering.numbers.SearchLadder;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.NumberOrder;
import com.numbering.telnyx.TelnyxGateway.NumberOrderRequest;
import com.numbering.telnyx.TelnyxGateway.NumberSearch;
import com.numbering.telnyx.sandbox.LedgerOrder;
import com.numbering.telnyx.sandbox.SimulatorSettings;
import com.numbering.telnyx.sandbox.TelnyxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NumberPurchaser}'s state machine on a real tenant row and the simulator: whatever state a previous run left
 * (nothing, an intent, an order), one purchase ends with one order at most.
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

    private String tenantId;

    @BeforeEach
    void aTenantInSanFrancisco() {
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

    private PurchaseResult purchase() {
        TenantRow tenant = row();
        TenantPlan plan = new TenantPlan(tenant, this.resolver.resolve(tenant.phone(), tenant.state()), List.of());
        return this.voiceNumberPurchaser.purchase(this.tenants.purchaseRecord(this.tenantId, "415"), tenant.purchase(),
                this.ladder.rungs(plan.origin(), "voice"), CandidatePools.forRun(this.telnyx, Clock.systemUTC()),
                new NumberOrderRequest(null, CONNECTION, null, null));
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
