package com.numbering.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.AppProcess;
import com.numbering.AppProcess.Finished;
import com.numbering.TestDatabases;
import com.numbering.local.ContractRecorder;
import com.numbering.telnyx.sandbox.LedgerOrder;
import com.numbering.telnyx.sandbox.SimulatorSettings;
import com.numbering.telnyx.sandbox.TelnyxSimulator;
import com.numbering.telnyx.sandbox.contract.OpenApiContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real kill: the job's process dies (SIGKILL) after Telnyx placed the order and before the order id was
 * committed. The simulator and the database outlive it, as Telnyx and PostgreSQL would.
 */
class ProvisioningCrashTests {

    private final ContractRecorder contract = new ContractRecorder(OpenApiContract.telnyx());

    private TelnyxSimulator simulator;

    private String databaseUrl;

    private JdbcTemplate jdbc;

    @BeforeEach
    void telnyxAndDatabaseThatOutliveTheJob() throws Exception {
        this.simulator = TelnyxSimulator.start(SimulatorSettings.defaults().withObserver(this.contract));
        this.databaseUrl = TestDatabases.fresh("crash");
        this.jdbc = TestDatabases.jdbc(this.databaseUrl);
        TestDatabases.migrate(this.jdbc);
    }

    @AfterEach
    void stopSimulator() {
        this.simulator.close();
        assertThat(this.contract.violations()).isEmpty();
    }

    @Test
    void aProcessKilledBetweenTheOrderAndItsCommitIsFollowedByARunThatAdoptsTheOrderInsteadOfBuyingAgain()
            throws Exception {
        // given Telnyx will place the order but hold its answer back for a long time
        this.simulator.control().stallAfterProcessing("POST", "/number_orders", Duration.ofMinutes(2), 1);
        long tenant = this.jdbc.queryForObject(
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
        this.simulator.control().reset();
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
        return List.of("--spring.batch.job.name=provisionVoiceNumbersJob", "--spring.datasource.url=" + this.databaseUrl,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--numbering.telnyx.base-url=" + this.simulator.baseUrl(),
                "--numbering.telnyx.api-key=" + SimulatorSettings.DEFAULT_API_KEY,
                "--numbering.telnyx.voice-connection-id=" + SimulatorSettings.DEFAULT_CONNECTION_ID,
                "--numbering.telnyx.read-timeout=5m", "--numbering.guard.allow-mixed-environment=true",
                "--numbering.provisioning.unknown-outcome-delay=0s", "--numbering.provisioning.order-poll-interval=50ms");
    }

    private LedgerOrder waitForOrder(long tenant, AppProcess process) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            List<LedgerOrder> orders = ordersFor(tenant);
            if (!orders.isEmpty()) {
                return orders.get(0);
            }
            pause();
        }
        throw new AssertionError("no order was placed: " + process.output());
    }

    private List<LedgerOrder> ordersFor(long tenant) {
        return this.simulator.ledger()
            .orders()
            .stream()
            .filter(o -> o.customerReference() != null && o.customerReference().startsWith("tenant-" + tenant + "-"))
            .toList();
    }

    private Map<String, Object> row(long tenant) {
        return this.jdbc.queryForMap("SELECT * FROM tenants WHERE id = ?", tenant);
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(50);
    }

}
