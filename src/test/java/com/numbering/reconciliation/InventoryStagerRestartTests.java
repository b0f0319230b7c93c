package com.numbering.reconciliation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.LocalModeTest;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.sandbox.TelnyxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reconciliation stopped part-way through staging and restarted: Telnyx lists numbers newest first, so a number
 * bought while the run is down shifts every page, and the restart must not resume on shifted pages. The stopped run
 * is a real one, on the simulator over real HTTP, held after its second page (its fetchers wait at a gate for the
 * third) and stopped the way a killed process leaves it: its step context as last committed.
 */
@LocalModeTest
class InventoryStagerRestartTests {

    private static final int PAGE_SIZE = 2;

    /** Distinct numbers across the JVM (area code 701, exchanges 8xx: no other test uses them). */
    private static final AtomicInteger LINES = new AtomicInteger(ThreadLocalRandom.current().nextInt(0, 500) * 100);

    @Autowired
    private TelnyxGateway telnyx;

    @Autowired
    private InventorySnapshotRepository snapshot;

    @Autowired
    private TelnyxSimulator simulator;

    @Autowired
    private JdbcTemplate jdbc;

    @BeforeEach
    void enoughNumbersForSeveralPages() {
        for (int i = 0; i < 4 * PAGE_SIZE; i++) {
            own(newNumber());
        }
    }

    @Test
    void aRestartAfterANumberWasBoughtStagesTheWholeInventoryAgainAndSeesIt() throws Exception {
        // given a run stopped after staging its first two pages
        StepExecution stopped = stoppedAfterTwoPages();

        // when a number is bought while it is down, and it restarts
        String bought = own(newNumber());
        StepExecution restart = restartOf(stopped);
        stageToTheEnd(restart);

        // then the new number is staged, and every number listed, from a new start
        assertThat(stagedIds()).contains(bought);
        assertThat(this.snapshot.count()).isEqualTo(this.telnyx.listInventory(1, PAGE_SIZE).totalResults());
        assertThat(Instant.parse(restart.getExecutionContext().getString(InventoryStager.STAGED_FROM)))
            .isAfter(Instant.parse(stopped.getExecutionContext().getString(InventoryStager.STAGED_FROM)));
    }

    @Test
    void aRestartOnAnUnchangedInventoryResumesAtItsRestartPoint() throws Exception {
        // given a run stopped after staging its first two pages
        StepExecution stopped = stoppedAfterTwoPages();
        int firstPages = pageRequests(1);
        int secondPages = pageRequests(2);

        // when it restarts with nothing bought or released meanwhile
        StepExecution restart = restartOf(stopped);
        stageToTheEnd(restart);

        // then it asked for the first page once, to compare, went on from the third, and staged every number
        assertThat(pageRequests(1)).isEqualTo(firstPages + 1);
        assertThat(pageRequests(2)).isEqualTo(secondPages);
        assertThat(restart.getExecutionContext().getString(InventoryStager.STAGED_FROM))
            .isEqualTo(stopped.getExecutionContext().getString(InventoryStager.STAGED_FROM));
        assertThat(this.snapshot.count()).isEqualTo(this.telnyx.listInventory(1, PAGE_SIZE).totalResults());
    }

    @Test
    void aRestartThatStartsOverDropsItsOldRestartPointBeforeItClearsTheSnapshot() throws Exception {
        // given a run stopped after staging its first two pages, and a number bought while it is down
        StepExecution stopped = stoppedAfterTwoPages();
        String bought = own(newNumber());
        long stagedBefore = this.snapshot.count();

        // when the restart's first call returns (the framework then commits the step's context)
        StepExecution restart = restartOf(stopped);
        InventoryStager stager = stager(this.telnyx);
        stager.beforeStep(restart);
        assertThat(stager.execute(new StepContribution(restart), null)).isEqualTo(RepeatStatus.CONTINUABLE);
        stager.afterStep(restart);

        // then the old restart point is gone while the snapshot is still whole: the clearing statement commits at
        // once, so a process killed right after it must find no restart point to resume over an empty snapshot
        assertThat(restart.getExecutionContext().containsKey(InventoryStager.STAGED_FROM)).isFalse();
        assertThat(restart.getExecutionContext().containsKey(InventoryStager.NEXT_PAGE)).isFalse();
        assertThat(this.snapshot.count()).isEqualTo(stagedBefore);

        // and a process killed there restarts from a new start and stages everything
        StepExecution again = restartOf(restart);
        stageToTheEnd(again);
        assertThat(stagedIds()).contains(bought);
        assertThat(this.snapshot.count()).isEqualTo(this.telnyx.listInventory(1, PAGE_SIZE).totalResults());
    }

    /** A run whose fetchers stop at a gate before the third page, stopped once the step has passed two pages. */
    private StepExecution stoppedAfterTwoPages() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        TelnyxGateway gated = (TelnyxGateway) Proxy.newProxyInstance(TelnyxGateway.class.getClassLoader(),
                new Class<?>[] { TelnyxGateway.class }, (proxy, method, args) -> {
                    if (method.getName().equals("listInventory") && (int) args[0] > 2) {
                        never.await();
                    }
                    try {
                        return method.invoke(this.telnyx, args);
                    }
                    catch (InvocationTargetException ex) {
                        throw ex.getCause();
                    }
                });
        StepExecution step = MetaDataInstanceFactory.createStepExecution(new ExecutionContext());
        InventoryStager stager = stager(gated);
        stager.beforeStep(step);
        while (step.getExecutionContext().getInt(InventoryStager.NEXT_PAGE, 1) < 3) {
            assertThat(stager.execute(new StepContribution(step), null)).isEqualTo(RepeatStatus.CONTINUABLE);
        }
        stager.afterStep(step);
        return step;
    }

    /** What Spring Batch gives a restarted step: the stopped one's context, in a new execution. */
    private static StepExecution restartOf(StepExecution stopped) {
        return MetaDataInstanceFactory.createStepExecution(new ExecutionContext(stopped.getExecutionContext()));
    }

    private void stageToTheEnd(StepExecution step) throws Exception {
        InventoryStager stager = stager(this.telnyx);
        stager.beforeStep(step);
        try {
            RepeatStatus status;
            do {
                status = stager.execute(new StepContribution(step), null);
            }
            while (status == RepeatStatus.CONTINUABLE);
        }
        finally {
            stager.afterStep(step);
        }
    }

    private InventoryStager stager(TelnyxGateway gateway) {
        return new InventoryStager(gateway, this.snapshot,
                new ReconciliationProperties(false, Duration.ofDays(7), 0, PAGE_SIZE, 200), Clock.systemUTC());
    }

    private List<String> stagedIds() {
        return this.jdbc.queryForList("SELECT number_id FROM inventory_snapshot", String.class);
    }

    private int pageRequests(int page) {
        return (int) this.simulator.ledger()
            .requests("GET", "/phone_numbers")
            .stream()
            .filter(request -> List.of(String.valueOf(page)).equals(request.query().get("page[number]")))
            .count();
    }

    private String own(String number) {
        return this.simulator.control().addOwnedNumber(number, "any-connection", null, List.of(), "active");
    }

    private static String newNumber() {
        int line = LINES.incrementAndGet();
        return String.format("+17018%02d%04d", (line / 10000) % 100, line % 10000);
    }

}
