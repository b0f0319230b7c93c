package com.numbering.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Runs one task per item on an executor and waits for every one of them, so that each item settles its own state
 * before the caller stops; only then is the first failure rethrown.
 */
public final class AllSettled {

    private AllSettled() {
    }

    public static <I, O> List<O> run(List<I> items, Function<I, O> task, ExecutorService executor) {
        List<CompletableFuture<O>> running = new ArrayList<>();
        for (I item : items) {
            running.add(CompletableFuture.supplyAsync(() -> task.apply(item), executor));
        }
        List<O> results = new ArrayList<>();
        RuntimeException first = null;
        for (CompletableFuture<O> future : running) {
            try {
                results.add(future.join());
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
