package com.numbering.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class RunThreadsTests {

    private final ExecutorService pool = RunThreads.fixedPool("test-worker", 2, true);

    @AfterEach
    void shutDown() throws InterruptedException {
        MDC.clear();
        this.pool.shutdownNow();
        this.pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aTaskRunsWithTheLoggingContextOfTheThreadThatHandedItOver() {
        // given
        MDC.put("job.name", "dispatchAlertsJob");
        MDC.put("job.execution.id", "42");

        // when
        List<Map<String, String>> seen = AllSettled.run(List.of(1, 2, 3, 4), item -> MDC.getCopyOfContextMap(),
                this.pool);

        // then
        assertThat(seen).hasSize(4)
            .allSatisfy(context -> assertThat(context).containsEntry("job.name", "dispatchAlertsJob")
                .containsEntry("job.execution.id", "42"));
    }

    @Test
    void aPoolThreadKeepsNoContextOfAnEarlierRunAndTasksItHandsOnCarryItsRun() throws InterruptedException {
        ExecutorService one = RunThreads.fixedPool("test-single", 1, true);
        try {
            // given the pool's only thread ran a task of run 1
            MDC.put("job.execution.id", "1");
            CompletableFuture.runAsync(() -> { }, one).join();
            MDC.clear();

            // when a task of no run follows, and a task of run 2 hands one on from inside the pool
            Map<String, String> later = CompletableFuture.supplyAsync(MDC::getCopyOfContextMap, one).join();
            MDC.put("job.execution.id", "2");
            Map<String, String> handedOn = CompletableFuture
                .supplyAsync(() -> CompletableFuture.supplyAsync(MDC::getCopyOfContextMap, this.pool).join(), one)
                .join();

            // then
            assertThat(later == null ? Map.of() : later).isEmpty();
            assertThat(handedOn).containsEntry("job.execution.id", "2");
        }
        finally {
            one.shutdownNow();
            one.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

}
