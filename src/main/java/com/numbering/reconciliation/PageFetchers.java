package com.numbering.reconciliation;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.numbering.support.RunThreads;

/**
 * Inventory pages fetched and staged by {@link #IN_FLIGHT} threads, each taking the next page as soon as it is done
 * with one, so that the account's request budget, not the latency of a page or of its staging, sets the pace. Each
 * request waits for its turn in that budget, so this only hides latency: it never goes faster than the budget.
 * <p>
 * Memory is bounded whatever the size of the inventory: at most {@link #IN_FLIGHT} pages of numbers (the ones being
 * fetched or staged), and a count per page for at most {@link #AHEAD} pages past the step's restart point.
 */
final class PageFetchers implements AutoCloseable {

    /**
     * Requests in flight: the budget's rate times how long one page takes from asking for its turn to being staged
     * (about 0.6 s at 100 ms latency on a busy 2-core machine), with room to spare.
     */
    static final int IN_FLIGHT = 12;

    /** How far past the step's restart point pages may be staged: what a failure there costs in requests again. */
    static final int AHEAD = 4 * IN_FLIGHT;

    /**
     * What staging one page did: no numbers, only what the step needs to move on, and the id of the page's first
     * (newest) number ("" for none), which tells a restart whether the pages have shifted.
     */
    record Staged(int count, int totalPages, long totalResults, String newestId, boolean isFinal) {
    }

    private final IntFunction<Staged> fetchAndStage;

    private final ExecutorService threads;

    private final Semaphore ahead = new Semaphore(AHEAD);

    private final Map<Integer, CompletableFuture<Staged>> pages = new ConcurrentHashMap<>();

    private final AtomicInteger next;

    /** The page count Telnyx gave, or until it has, the expected one (0: unknown). */
    private volatile int totalPages;

    private boolean counted;

    /**
     * Starts {@link #IN_FLIGHT} at once from {@code firstPage} when {@code expectedPages} (an estimate from what the
     * database knows) says there are that many; otherwise {@code firstPage} alone, which tells how many there are.
     */
    PageFetchers(IntFunction<Staged> fetchAndStage, int firstPage, int expectedPages) {
        this.fetchAndStage = fetchAndStage;
        this.next = new AtomicInteger(firstPage);
        this.threads = RunThreads.fixedPool("inventory-page-fetch", IN_FLIGHT, true);
        if (expectedPages > firstPage) {
            this.totalPages = expectedPages;
            fetchAhead(IN_FLIGHT);
        }
        else {
            this.threads.execute(() -> {
                if (take() && run(claimFirst())) {
                    fetchAhead(IN_FLIGHT - 1);
                    fetchUntilLastPage();
                }
            });
        }
    }

    private synchronized int claimFirst() {
        return this.next.getAndIncrement();
    }

    private void fetchAhead(int fetchers) {
        for (int i = 0; i < fetchers; i++) {
            this.threads.execute(this::fetchUntilLastPage);
        }
    }

    /** Waits for the page to be staged; its failure, when fetching or staging it failed. */
    Staged await(int page) {
        try {
            return future(page).join();
        }
        catch (CompletionException ex) {
            throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
        }
        finally {
            if (this.pages.remove(page) != null) {
                this.ahead.release();
            }
        }
    }

    boolean isStaged(int page) {
        CompletableFuture<Staged> staged = this.pages.get(page);
        return staged != null && staged.isDone() && !staged.isCompletedExceptionally();
    }

    private void fetchUntilLastPage() {
        while (take()) {
            int page = claim();
            if (page < 0) {
                this.ahead.release();
                return;
            }
            if (!run(page)) {
                return;
            }
        }
    }

    /**
     * The next page, or -1 past the last one known. Never a number that is then dropped: a fetcher that stopped on
     * page 161 of 160 would otherwise lose it when a later answer says 161 (numbers bought during the run), and the
     * step would wait for it forever.
     */
    private synchronized int claim() {
        return this.next.get() > this.totalPages ? -1 : this.next.getAndIncrement();
    }

    /** True when this page is staged and there may be more. */
    private boolean run(int page) {
        CompletableFuture<Staged> result = future(page);
        try {
            Staged staged = this.fetchAndStage.apply(page);
            count(staged.totalPages());
            result.complete(staged);
            return !staged.isFinal() || page < this.totalPages;
        }
        catch (RuntimeException ex) {
            result.completeExceptionally(ex);
            return false;
        }
    }

    /**
     * The first answer replaces the estimate; a later one only raises the count (numbers bought meanwhile). When the
     * estimate was short, the fetchers that stopped at it start again.
     */
    private synchronized void count(int pages) {
        if (this.counted) {
            this.totalPages = Math.max(this.totalPages, pages);
            return;
        }
        this.counted = true;
        int expected = this.totalPages;
        this.totalPages = pages;
        if (expected > 0 && pages > expected) {
            fetchAhead(IN_FLIGHT - 1);
        }
    }

    private boolean take() {
        try {
            this.ahead.acquire();
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private CompletableFuture<Staged> future(int page) {
        return this.pages.computeIfAbsent(page, p -> new CompletableFuture<>());
    }

    @Override
    public void close() {
        this.threads.shutdownNow();
    }

}
