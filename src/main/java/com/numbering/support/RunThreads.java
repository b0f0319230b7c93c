package com.numbering.support;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.MDC;

/**
 * The only way this service makes a thread pool: every task runs with the logging context (MDC: {@code job.name},
 * {@code job.execution.id}) of the thread that handed it over, and leaves the pool thread as it found it. A worker's
 * WARN or ERROR line thus says which run wrote it, as the launching thread's lines do; a pool made any other way
 * would write them without (ModuleBoundariesTests keeps it so).
 */
public final class RunThreads {

    private RunThreads() {
    }

    /**
     * @param name the threads' name prefix ({@code name-1}, {@code name-2}, …), seen in every log line
     * @param threads how many
     * @param daemon whether the pool's threads may be left running when the process ends
     */
    public static ExecutorService fixedPool(String name, int threads, boolean daemon) {
        return new ContextPool(threads, named(name, daemon));
    }

    private static ThreadFactory named(String name, boolean daemon) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(daemon);
            return thread;
        };
    }

    /** Every way into the pool ({@code submit}, {@code invokeAll}, {@code CompletableFuture}) goes through execute. */
    private static final class ContextPool extends ThreadPoolExecutor {

        ContextPool(int threads, ThreadFactory factory) {
            super(threads, threads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
        }

        @Override
        public void execute(Runnable task) {
            Map<String, String> context = MDC.getCopyOfContextMap();
            super.execute(() -> {
                Map<String, String> before = MDC.getCopyOfContextMap();
                replace(context);
                try {
                    task.run();
                }
                finally {
                    replace(before);
                }
            });
        }

        private static void replace(Map<String, String> context) {
            if (context == null || context.isEmpty()) {
                MDC.clear();
            }
            else {
                MDC.setContextMap(context);
            }
        }

    }

}
