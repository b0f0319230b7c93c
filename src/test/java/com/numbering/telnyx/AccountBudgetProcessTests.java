package com.numbering.telnyx;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.numbering.AppProcess;
import com.numbering.OutsideWorld;
import com.numbering.telnyx.sandbox.LedgerRequest;
import com.numbering.telnyx.sandbox.SimulatorLedger;
import com.numbering.telnyx.sandbox.SimulatorSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account's request budget across real processes, as Kubernetes runs the jobs: reconciliation and provisioning,
 * each its own JVM, one database, one simulated Telnyx account. What they did together is read from the
 * simulator's own request timestamps; no assertion times the test's own code.
 */
@Tag("slow") // several JVMs, tens of seconds: CI and -Pthorough run it, ./mvnw verify does not (README "Tests")
class AccountBudgetProcessTests {

    /**
     * The account's limit in the simulator: 10 requests/second, 5 at once, 429 above. The budget spaces departures;
     * a JVM stalled for a few hundred milliseconds on a loaded machine sends its reserved requests late, next to the
     * other process's on-time ones, and the burst absorbs that (with 3, one such stall in a run met a 429).
     */
    private static final SimulatorSettings ACCOUNT = SimulatorSettings.defaults().withRequestsPerSecond(10)
        .withBurst(5);

    /** Every process's budget: the account's, just under its limit, as docs/operations.md tells ops to set it. */
    private static final double BUDGET = 8;

    private static final int INVENTORY = 800;

    @Test
    void twoProcessesTogetherNeverExceedTheAccountBudget() throws Exception {
        try (OutsideWorld world = OutsideWorld.start("budget_two", ACCOUNT)) {
            // given an inventory of 160 pages and 25 tenants to provision: more demand than the budget
            seed(world, 25);

            // when both jobs run at once
            AppProcess reconciliation = AppProcess.start(Map.of(), reconciliation(world));
            AppProcess provisioning = AppProcess.start(Map.of(), provisioning(world));
            AppProcess.Finished reconciled = reconciliation.waitForExit();
            AppProcess.Finished provisioned = provisioning.waitForExit();

            // then, while both were calling Telnyx, together they kept to the one budget, and Telnyx refused nothing
            assertThat(reconciled.exitCode()).as(reconciled.output()).isZero();
            assertThat(provisioned.exitCode()).as(provisioned.output()).isZero();
            List<LedgerRequest> requests = world.simulator().ledger().requests();
            Instant from = later(first(requests, true), first(requests, false));
            Instant to = earlier(last(requests, true), last(requests, false));
            assertThat(Duration.between(from, to)).as("both jobs called Telnyx at the same time")
                .isGreaterThan(Duration.ofSeconds(3));
            List<Instant> together = requests.stream().map(LedgerRequest::receivedAt)
                .filter(at -> !at.isBefore(from) && !at.isAfter(to)).sorted().toList();
            double seconds = Duration.between(from, to).toMillis() / 1e3;
            assertThat(together.size() / seconds).as("aggregate requests/second while both ran")
                .isLessThanOrEqualTo(BUDGET * 1.05);
            // one second may hold one more request than the rate (the first one's slot), and one request late
            // because of a busy machine can land in the next slot's second
            assertThat(SimulatorLedger.busiestSecond(together)).isLessThanOrEqualTo((long) BUDGET + 2);
            assertThat(world.simulator().ledger().requests()).filteredOn(r -> r.status() == 429)
                .as("requests Telnyx refused").isEmpty();
        }
    }

    @Test
    void a429SeenByOneProcessPausesTheOther() throws Exception {
        try (OutsideWorld world = OutsideWorld.start("budget_pause", ACCOUNT)) {
            // given both jobs calling Telnyx
            seed(world, 25);
            AppProcess reconciliation = AppProcess.start(Map.of(), reconciliation(world));
            AppProcess provisioning = AppProcess.start(Map.of(), provisioning(world));
            awaitRequests(world, reconciliation, true, 5);
            awaitRequests(world, provisioning, false, 5);

            // when the next inventory page meets a 429 that asks for 4 seconds (something else used the account)
            Instant armed = Instant.now();
            world.simulator().control().rateLimitNext("GET", "/phone_numbers", Duration.ofSeconds(4), 1);
            LedgerRequest rateLimited = awaitRateLimited(world, armed);
            reconciliation.waitForExit();
            provisioning.waitForExit();

            // then nobody called Telnyx until the reset, beyond the slots already reserved when the 429 came
            // (at most the bulk lookahead, 200 ms, and one interval ahead; a second allowed for a busy machine)
            Instant at = rateLimited.receivedAt();
            List<LedgerRequest> requests = world.simulator().ledger().requests();
            boolean reconciliationSawIt = isReconciliation(rateLimited);
            assertThat(requests).filteredOn(r -> isReconciliation(r) != reconciliationSawIt)
                .as("the other job was calling just before the 429")
                .anyMatch(r -> r.receivedAt().isBefore(at) && r.receivedAt().isAfter(at.minusSeconds(3)));
            assertThat(requests).filteredOn(r -> r.receivedAt().isAfter(at.plusSeconds(1))
                    && r.receivedAt().isBefore(at.plusSeconds(4)))
                .as("requests of any job between 1 s after the 429 and its reset").isEmpty();
            assertThat(requests).filteredOn(r -> isReconciliation(r) != reconciliationSawIt)
                .as("the other job went on after the reset")
                .anyMatch(r -> r.receivedAt().isAfter(at.plusSeconds(4)));
        }
    }

    @Test
    void aKilledProcessLeavesTheBudgetWhole() throws Exception {
        try (OutsideWorld world = OutsideWorld.start("budget_kill", ACCOUNT)) {
            // given reconciliation calling Telnyx at the budget
            seed(world, 0);
            AppProcess doomed = AppProcess.start(Map.of(), reconciliation(world));
            awaitRequests(world, doomed, true, 20);

            // when it is killed (kill -9: no shutdown hook, no last statement) and the next run starts
            doomed.kill();
            Double ahead = world.jdbc().queryForObject(
                    "SELECT max(extract(epoch FROM tat - clock_timestamp()))::float8 FROM telnyx_request_budgets",
                    Double.class);
            int before = world.simulator().ledger().requests().size();
            AppProcess.Finished next = AppProcess.start(Map.of(), reconciliation(world)).waitForExit();

            // then the dead process holds nothing: the budget is at most a few slots ahead of now, and the next run
            // gets the whole budget
            assertThat(next.exitCode()).as(next.output()).isZero();
            assertThat(ahead).as("seconds of budget reserved ahead when the process died").isLessThan(1.0);
            List<Instant> pages = world.simulator().ledger().requests().stream().skip(before)
                .filter(AccountBudgetProcessTests::isReconciliation).map(LedgerRequest::receivedAt).sorted()
                .toList();
            assertThat(pages).hasSizeGreaterThan(40);
            double seconds = Duration.between(pages.get(0), pages.get(pages.size() - 1)).toMillis() / 1e3;
            assertThat((pages.size() - 1) / seconds).as("requests/second of the next run")
                .isGreaterThan(BUDGET * 0.6);
        }
    }

    private static void seed(OutsideWorld world, int tenants) {
        for (int i = 0; i < INVENTORY; i++) {
            world.simulator().control().addOwnedNumber(String.format("+1213555%04d", i),
                    SimulatorSettings.DEFAULT_CONNECTION_ID, null, List.of(), "active");
        }
        for (int i = 0; i < tenants; i++) {
            world.jdbc().update("INSERT INTO tenants (name, phone, state) VALUES (?, '(415) 555-2671', 'CA')",
                    "Budget Co " + i);
        }
    }

    private static List<String> reconciliation(OutsideWorld world) {
        // Pages of 5: 160 requests, a long enough run at 8 requests/second.
        return world.args("reconcileInventoryJob", common("--numbering.reconciliation.page-size=5"));
    }

    private static List<String> provisioning(OutsideWorld world) {
        return world.args("provisionVoiceNumbersJob", common("--numbering.provisioning.batch-size=5",
                "--numbering.provisioning.order-poll-interval=50ms"));
    }

    private static String[] common(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--numbering.telnyx.requests-per-second=" + BUDGET,
                "--logging.level.com.numbering=WARN"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static boolean isReconciliation(LedgerRequest request) {
        return request.path().equals("/phone_numbers") && request.query().containsKey("page[number]");
    }

    private static Instant first(List<LedgerRequest> requests, boolean reconciliation) {
        return requests.stream().filter(r -> isReconciliation(r) == reconciliation).map(LedgerRequest::receivedAt)
            .min(Instant::compareTo).orElseThrow();
    }

    private static Instant last(List<LedgerRequest> requests, boolean reconciliation) {
        return requests.stream().filter(r -> isReconciliation(r) == reconciliation).map(LedgerRequest::receivedAt)
            .max(Instant::compareTo).orElseThrow();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static void awaitRequests(OutsideWorld world, AppProcess process, boolean reconciliation, int count)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (world.simulator().ledger().requests().stream().filter(r -> isReconciliation(r) == reconciliation)
                .count() >= count) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the process ended early: " + process.output());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no requests: " + process.output());
    }

    private static LedgerRequest awaitRateLimited(OutsideWorld world, Instant armed) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            var seen = world.simulator().ledger().requests().stream()
                .filter(r -> r.status() == 429 && r.receivedAt().isAfter(armed)).findFirst();
            if (seen.isPresent()) {
                return seen.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no request met the 429");
    }

}
