package com.numbering.reconciliation;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.numbering.reconciliation.PageFetchers.Staged;
import com.numbering.telnyx.TelnyxGateway;

/**
 * Copies the whole inventory into {@code inventory_snapshot}, while {@link PageFetchers} fetch and stage the pages
 * concurrently, each request in its turn in the account's request budget.
 * <p>
 * A tasklet that returns {@code CONTINUABLE} after each step transaction rather than a chunk-oriented step: the unit
 * of work is the page Telnyx returns, the page number is the only state to keep, and it is kept in the step's
 * execution context, so a failed or killed step resumes at the first page not known to be staged. The step thread
 * only moves that restart point across pages the fetchers have staged, in order. A page staged ahead of a failure is
 * fetched and staged again on restart, which the upsert by number id makes harmless.
 * <p>
 * Telnyx lists numbers newest first, so a number bought or released while a run is stopped shifts every page after
 * it: resuming at the restart point would then read some numbers twice and never see the new ones. A restart
 * therefore asks for the first page again and resumes only if it shows the inventory the run began with (the same
 * count and the same newest number, which any purchase changes and any release changes the count of); otherwise
 * it stages the whole inventory again, from a new start.
 */
final class InventoryStager implements Tasklet, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(InventoryStager.class);

    static final String NEXT_PAGE = "reconciliation.nextPage";

    static final String STAGED_FROM = "reconciliation.stagedFrom";

    static final String EXPECTED_PAGES = "reconciliation.expectedPages";

    /** How many numbers the first page said the account has, when the step passed it (kept with {@link #NEWEST}). */
    static final String LISTED = "reconciliation.listed";

    /** The id of the newest number on the first page, when the step passed it ("" for none). */
    static final String NEWEST = "reconciliation.newest";

    private final TelnyxGateway telnyx;

    private final InventorySnapshotRepository snapshot;

    private final ReconciliationProperties properties;

    private final Clock clock;

    private PageFetchers fetchers;

    InventoryStager(TelnyxGateway telnyx, InventorySnapshotRepository snapshot, ReconciliationProperties properties,
            Clock clock) {
        this.telnyx = telnyx;
        this.snapshot = snapshot;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        stop();
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        ExecutionContext step = contribution.getStepExecution().getExecutionContext();
        if (!step.containsKey(STAGED_FROM) || (this.fetchers == null && !unchangedSinceFirstPage(step))) {
            // (An execution left by a version that kept the start in the job's context only also starts over.)
            startStaging(step);
            return RepeatStatus.CONTINUABLE;
        }
        // Kept in the step's context, which commits with every step transaction, and handed to the job's, which is
        // saved only when the step ends: a process killed mid-staging restarts here with the run's own start.
        contribution.getStepExecution().getJobExecution().getExecutionContext().putString(STAGED_FROM,
                step.getString(STAGED_FROM));
        int page = step.getInt(NEXT_PAGE, 1);
        if (this.fetchers == null) {
            startFetchers(step);
        }
        Staged staged = this.fetchers.await(page);
        if (page == 1) {
            step.putLong(LISTED, staged.totalResults());
            step.putString(NEWEST, staged.newestId());
        }
        contribution.incrementWriteCount(staged.count());
        // Pages already staged pass in the same transaction: the step's own bookkeeping costs as much as a page.
        while (!staged.isFinal() && this.fetchers.isStaged(page + 1)) {
            staged = this.fetchers.await(++page);
            contribution.incrementWriteCount(staged.count());
        }
        if (staged.isFinal()) {
            log.info("Inventory staged: {} numbers listed by Telnyx in {} pages, {} distinct", staged.totalResults(),
                    page, this.snapshot.count());
            return RepeatStatus.FINISHED;
        }
        step.putInt(NEXT_PAGE, page + 1);
        return RepeatStatus.CONTINUABLE;
    }

    private void startStaging(ExecutionContext step) {
        if (step.containsKey(STAGED_FROM)) {
            // The snapshot is cleared by a statement that commits at once, the context only when this call returns:
            // the old restart point goes first, so that a process killed after the clearing cannot resume an old
            // staging over an empty snapshot. The next call (no STAGED_FROM) starts staging.
            step.remove(STAGED_FROM);
            step.remove(LISTED);
            step.remove(NEWEST);
            step.remove(NEXT_PAGE);
            return;
        }
        // What the last run staged, or the numbers tenants hold: how many pages to ask for before the first answer
        // tells (a page past the end costs one request and is never waited for).
        step.putInt(EXPECTED_PAGES, (int) ((this.snapshot.expectedSize() + this.properties.pageSize() - 1)
                / this.properties.pageSize()));
        step.remove(LISTED);
        step.remove(NEWEST);
        this.snapshot.clear();
        step.putString(STAGED_FROM, this.clock.instant().toString());
        step.putInt(NEXT_PAGE, 1);
        // The TRUNCATE has committed (every statement commits by itself): the fetchers' inserts land after it.
        startFetchers(step);
    }

    /**
     * On a restart: whether the first page still shows the inventory this run began staging, so that the pages past
     * the restart point are the ones the run would have read. A restart before the step passed the first page has
     * nothing to compare with, and nothing counted to lose: it starts over too.
     */
    private boolean unchangedSinceFirstPage(ExecutionContext step) {
        if (!step.containsKey(NEWEST)) {
            return false;
        }
        TelnyxGateway.InventoryPage first = this.telnyx.listInventory(1, this.properties.pageSize());
        long listed = step.getLong(LISTED);
        if (first.totalResults() == listed && newestId(first).equals(step.getString(NEWEST))) {
            return true;
        }
        log.info("Inventory changed while staging was stopped at page {} ({} numbers listed then, {} now{}): pages "
                + "listed newest first have shifted, so staging starts again from the first page",
                step.getInt(NEXT_PAGE, 1), listed, first.totalResults(),
                first.totalResults() == listed ? ", a newer number first" : "");
        return false;
    }

    private static String newestId(TelnyxGateway.InventoryPage page) {
        return page.numbers().isEmpty() ? "" : page.numbers().get(0).id();
    }

    private void startFetchers(ExecutionContext step) {
        this.fetchers = new PageFetchers(this::fetchAndStage, step.getInt(NEXT_PAGE, 1),
                step.getInt(EXPECTED_PAGES, 0));
    }

    private Staged fetchAndStage(int page) {
        TelnyxGateway.InventoryPage listed = this.telnyx.listInventory(page, this.properties.pageSize());
        this.snapshot.stage(listed.numbers(), this.clock.instant());
        return new Staged(listed.numbers().size(), listed.totalPages(), listed.totalResults(), newestId(listed),
                listed.isLast() || listed.numbers().isEmpty());
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        stop();
        return null;
    }

    private void stop() {
        if (this.fetchers != null) {
            this.fetchers.close();
            this.fetchers = null;
        }
    }

}
