package com.numbering.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.numbering.AppProcess;
import com.numbering.AppProcess.Finished;
import com.numbering.OutsideWorld;
import com.numbering.telnyx.sandbox.LedgerOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real kill: the job's process dies (SIGKILL) after Telnyx placed the order and before the order id was
 * committed. The simulator and the database outlive it, as Telnyx and PostgreSQL would.
 */
class ProvisioningCrashTests {

    private OutsideWorld world;

    @BeforeEach
    void telnyxAndDatabaseThatOutliveTheJob() throws Exception {
        this.world = OutsideWorld.start("crash");
    }

    @AfterEach
    void stop() {
        this.world.close();
    }

    @Test
    void aProcessKilledBetweenTheOrderAndItsCommitIsFollowedByARunThatAdoptsTheOrderInsteadOfBuyingAgain()
            throws Exception {
        // given Telnyx will place the order but hold its answer back for a long time
        this.world.simulator().control().stallAfterProcessing("POST", "/number_orders", Duration.ofMinutes(2), 1);
        long tenant = this.world.jdbc()
            .queryForObject(
                    "INSERT INTO tenants (name, phone, state) VALUES ('Crash Co', '(415) 555-2671', 'CA') RETURNING id",
                    Long.class);
        AppProcess first = AppProcess.start(Map.of(), args());

        // when the order has been placed at Telnyx, the job's process is killed
        LedgerOrder placed = waitForOrder(tenant, first);
        first.kill();

        // then the intent was committed, the order id was not
        Map<String, Object> afterCrash = row(tenant);
        assertThat(afterCrash).containsEntry("telnyx_voice_status", "available")
            .containsEntry("telnyx_voice_number", placed.phoneNumbers().get(0));
        assertThat(afterCrash.get("telnyx_voice_order_id")).isNull();

        // when the next run comes
        this.world.simulator().control().reset();
        Finished second = AppProcess.start(Map.of(), args()).waitForExit();

        // then it adopted the order: one order at Telnyx, the tenant active on that order and number
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("was left STARTED by a process that died");
        assertThat(ordersFor(tenant)).hasSize(1);
        assertThat(row(tenant)).containsEntry("telnyx_voice_status", "active")
            .containsEntry("telnyx_voice_order_id", placed.id())
            .containsEntry("telnyx_voice_number", placed.phoneNumbers().get(0));
    }

    private List<String> args() {
        return this.world.args("provisionVoiceNumbersJob", "--numbering.provisioning.unknown-outcome-delay=0s",
                "--numbering.provisioning.order-poll-interval=50ms");
    }

    private LedgerOrder waitForOrder(long tenant, AppProcess process) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            List<LedgerOrder> orders = ordersFor(tenant);
            if (!orders.isEmpty()) {
                return orders.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no order was placed: " + process.output());
    }

    private List<LedgerOrder> ordersFor(long tenant) {
        return this.world.simulator()
            .ledger()
            .orders()
            .stream()
            .filter(o -> o.customerReference() != null && o.customerReference().startsWith("tenant-" + tenant + "-"))
            .toList();
    }

    private Map<String, Object> row(long tenant) {
        return this.world.jdbc().queryForMap("SELECT * FROM tenants WHERE id = ?", tenant);
    }

}
