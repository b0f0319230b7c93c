package com.numbering.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs one task per item on an executor and waits for every one of them, so that each item settles its own state
 * before the caller stops; only then is the first failure rethrown.
 */
public final class AllSettled {

    private AllSettled() {
    }

    public static <I, O> List<O> run(List<I> items, Function<I, O> task, ExecutorService executor) {
        return start(items, task, executor).settle();
    }

    /**
     * Queues the tasks and returns at once, so that a caller can queue the next items behind these before it waits
     * for them ({@link Pending#settle}), and the executor never runs dry between two lists.
     */
    public static <I, O> Pending<O> start(List<I> items, Function<I, O> task, ExecutorService executor) {
        AtomicBoolean abandoned = new AtomicBoolean();
        List<CompletableFuture<Ran<O>>> running = new ArrayList<>();
        for (I item : items) {
            running.add(CompletableFuture.supplyAsync(
                    () -> abandoned.get() ? null : new Ran<>(task.apply(item)), executor));
        }
        return new Pending<>(running, abandoned);
    }

    /** A task that ran (an abandoned one has none), its result possibly null. */
    private record Ran<O>(O result) {
    }

    /** Tasks queued by {@link #start}. */
    public static final class Pending<O> {

        private final List<CompletableFuture<Ran<O>>> running;

        private final AtomicBoolean abandoned;

        private Pending(List<CompletableFuture<Ran<O>>> running, AtomicBoolean abandoned) {
            this.running = running;
            this.abandoned = abandoned;
        }

        /** The tasks not started yet never start: their items are left as they are. */
        public void abandon() {
            this.abandoned.set(true);
        }

        /**
         * Waits for every task, then rethrows the first failure.
         * @return the results of the tasks that ran, in the items' order
         */
        public List<O> settle() {
            List<O> results = new ArrayList<>();
            RuntimeException first = null;
            for (CompletableFuture<Ran<O>> future : this.running) {
                try {
                    Ran<O> ran = future.join();
                    if (ran != null) {
                        results.add(ran.result());
                    }
                }
                catch (CompletionException ex) {
                    if (first == null) {
                        first = ex.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(ex);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
            return results;
        }

    }

}
