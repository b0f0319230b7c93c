package com.numbering.support;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllSettledTests {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        this.executor.shutdownNow();
    }

    @Test
    void itemsQueuedBehindOthersStartAsSoonAsAWorkerIsFreeAndSettleInTheirOrder() throws Exception {
        // given a first list still running
        CountDownLatch release = new CountDownLatch(1);
        AllSettled.Pending<Integer> first = AllSettled.start(List.of(1, 2), item -> {
            await(release);
            return item;
        }, this.executor);

        // when a second list is queued behind it before the first is waited for
        AllSettled.Pending<Integer> second = AllSettled.start(List.of(3, 4), item -> item * 10, this.executor);
        release.countDown();

        // then both settle, each with its own results in order
        assertThat(first.settle()).containsExactly(1, 2);
        assertThat(second.settle()).containsExactly(30, 40);
    }

    @Test
    void anAbandonedListRunsNoTaskNotStartedYetAndSettlesAtOnce() throws Exception {
        // given a list queued behind one that fails
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        AllSettled.Pending<Integer> failing = AllSettled.start(List.of(1), item -> {
            await(release);
            throw new IllegalStateException("fatal");
        }, this.executor);
        AllSettled.Pending<Integer> behind = AllSettled.start(List.of(2, 3), item -> ran.incrementAndGet(),
                this.executor);

        // when the caller abandons the second before the first ends
        behind.abandon();
        release.countDown();

        // then the failure is rethrown and nothing of the second ran
        assertThatThrownBy(failing::settle).hasMessage("fatal");
        assertThat(behind.settle()).isEmpty();
        assertThat(ran).hasValue(0);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
