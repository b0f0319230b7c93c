package com.numbering.reconciliation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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

import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.InventoryPage;

/**
 * Copies the whole inventory into {@code inventory_snapshot}, one page per transaction, fetching and staging the next
 * few pages while it waits for this one.
 * <p>
 * A tasklet that returns {@code CONTINUABLE} after each page rather than a chunk-oriented step: the unit of work is
 * the page Telnyx returns (its numbers are written with one batch insert), the page number is the only state to
 * keep, and it is kept in the step's execution context after every page, so a failed step resumes at the page it
 * stopped on. Up to {@link #PAGES_AHEAD} pages are requested concurrently (each call waits for its turn in the
 * account's request budget, so this only hides latency, it never goes faster than the budget): memory is those
 * pages, whatever the size of the inventory. A page fetched ahead but not staged when the step fails is simply
 * fetched again; staging is an upsert by number id, so staging a page twice changes nothing.
 */
final class InventoryStager implements Tasklet, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(InventoryStager.class);

    static final String NEXT_PAGE = "reconciliation.nextPage";

    static final String STAGED_FROM = "reconciliation.stagedFrom";

    /**
     * Requests in flight: the budget's rate times how long one page takes from asking for its turn to being staged
     * (measured about 0.6 s at 100 ms latency on a busy 2-core machine), with room to spare. 8 pages of 250 numbers
     * is the memory bound.
     */
    static final int PAGES_AHEAD = 8;

    private final TelnyxGateway telnyx;

    private final InventorySnapshotRepository snapshot;

    private final ReconciliationProperties properties;

    private final Clock clock;

    private final Deque<Fetch> ahead = new ArrayDeque<>();

    private ExecutorService fetchers;

    private int totalPages;

    InventoryStager(TelnyxGateway telnyx, InventorySnapshotRepository snapshot, ReconciliationProperties properties,
            Clock clock) {
        this.telnyx = telnyx;
        this.snapshot = snapshot;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        if (this.fetchers != null) {
            this.fetchers.shutdownNow();
        }
        this.fetchers = Executors.newFixedThreadPool(PAGES_AHEAD, task -> {
            Thread thread = new Thread(task, "inventory-page-fetch");
            thread.setDaemon(true);
            return thread;
        });
        this.ahead.clear();
        this.totalPages = 0;
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
        InventoryPage listed = fetch(page);
        this.totalPages = listed.totalPages();
        if (page == 1) {
            // The others were staged by the thread that fetched them; this one must follow the TRUNCATE.
            this.snapshot.stage(listed.numbers(), now);
        }
        contribution.incrementWriteCount(listed.numbers().size());
        // Pages already staged ahead pass in the same transaction: the step's own bookkeeping costs as much as a page.
        while (!isFinal(listed) && isReady(page + 1)) {
            page++;
            listed = fetch(page);
            this.totalPages = listed.totalPages();
            contribution.incrementWriteCount(listed.numbers().size());
        }
        if (isFinal(listed)) {
            step.putInt(NEXT_PAGE, 1);
            log.info("Inventory staged: {} numbers listed by Telnyx in {} pages, {} distinct", listed.totalResults(),
                    page, this.snapshot.count());
            return RepeatStatus.FINISHED;
        }
        step.putInt(NEXT_PAGE, page + 1);
        return RepeatStatus.CONTINUABLE;
    }

    private static boolean isFinal(InventoryPage listed) {
        return listed.isLast() || listed.numbers().isEmpty();
    }

    private boolean isReady(int page) {
        Fetch next = this.ahead.peekFirst();
        return next != null && next.page() == page && next.result().isDone()
                && !next.result().isCompletedExceptionally();
    }

    /** This page, from the pages requested ahead; and the next ones requested, once the page count is known. */
    private InventoryPage fetch(int page) {
        while (!this.ahead.isEmpty() && this.ahead.peekFirst().page() != page) {
            this.ahead.pollFirst().result().cancel(true);
        }
        if (this.ahead.isEmpty()) {
            this.ahead.add(request(page));
        }
        int last = this.ahead.peekLast().page();
        while (this.totalPages > 0 && this.ahead.size() < PAGES_AHEAD && last < this.totalPages) {
            this.ahead.add(request(++last));
        }
        try {
            return this.ahead.pollFirst().result().join();
        }
        catch (CompletionException ex) {
            throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
        }
    }

    /**
     * Fetches the page and, past the first, stages it in its own transaction: writing is as slow as fetching on a
     * busy database, so both overlap. The step's restart point only passes a page once it is staged; a page staged
     * ahead of a failure is staged again on restart, which the upsert makes harmless.
     */
    private Fetch request(int page) {
        return new Fetch(page, CompletableFuture.supplyAsync(() -> {
            InventoryPage listed = this.telnyx.listInventory(page, this.properties.pageSize());
            if (page > 1) {
                this.snapshot.stage(listed.numbers(), this.clock.instant());
            }
            return listed;
        }, this.fetchers));
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        this.ahead.forEach(fetch -> fetch.result().cancel(true));
        this.ahead.clear();
        this.fetchers.shutdownNow();
        return null;
    }

    private record Fetch(int page, CompletableFuture<InventoryPage> result) {
    }

}
