package com.numbering.reconciliation;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.InventoryPage;

/**
 * Copies the whole inventory into {@code inventory_snapshot}, one page per call and per transaction.
 * <p>
 * A tasklet that returns {@code CONTINUABLE} after each page rather than a chunk-oriented step: the unit of work is
 * the page Telnyx returns (its numbers are written with one batch insert), the page number is the only state to
 * keep, and it is kept in the step's execution context after every page, so memory is one page whatever the size
 * of the inventory and a failed step resumes at the page it stopped on.
 */
final class InventoryStager implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(InventoryStager.class);

    static final String NEXT_PAGE = "reconciliation.nextPage";

    static final String STAGED_FROM = "reconciliation.stagedFrom";

    private final TelnyxGateway telnyx;

    private final InventorySnapshotRepository snapshot;

    private final ReconciliationProperties properties;

    private final Clock clock;

    InventoryStager(TelnyxGateway telnyx, InventorySnapshotRepository snapshot, ReconciliationProperties properties,
            Clock clock) {
        this.telnyx = telnyx;
        this.snapshot = snapshot;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ExecutionContext step = contribution.getStepExecution().getExecutionContext();
        int page = step.getInt(NEXT_PAGE, 1);
        Instant now = this.clock.instant();
        if (page == 1) {
            this.snapshot.clear();
            contribution.getStepExecution().getJobExecution().getExecutionContext().putString(STAGED_FROM,
                    now.toString());
        }
        InventoryPage listed = this.telnyx.listInventory(page, this.properties.pageSize());
        this.snapshot.stage(listed.numbers(), now);
        contribution.incrementWriteCount(listed.numbers().size());
        if (listed.isLast() || listed.numbers().isEmpty()) {
            step.putInt(NEXT_PAGE, 1);
            log.info("Inventory staged: {} numbers listed by Telnyx in {} pages, {} distinct", listed.totalResults(),
                    page, this.snapshot.count());
            return RepeatStatus.FINISHED;
        }
        step.putInt(NEXT_PAGE, page + 1);
        return RepeatStatus.CONTINUABLE;
    }

}
