package com.numbering.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EvenPacerTests {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void spacesRequestsEvenlyAtTheConfiguredRate() {
        // given 20 requests per second: one slot every 50 ms
        EvenPacer budget = new EvenPacer(20, this.now::get);

        // when three callers arrive at the same instant
        long first = budget.reserve();
        long second = budget.reserve();
        long third = budget.reserve();

        // then
        assertThat(first).isZero();
        assertThat(second).isEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(third).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void doesNotSaveUpUnusedSlotsIntoABurst() {
        EvenPacer budget = new EvenPacer(10, this.now::get);
        budget.reserve();

        this.now.addAndGet(TimeUnit.SECONDS.toNanos(5));

        assertThat(budget.reserve()).isZero();
        assertThat(budget.reserve()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void aRateLimitPauseHoldsBackEveryCaller() {
        EvenPacer budget = new EvenPacer(100, this.now::get);

        budget.pause(Duration.ofSeconds(2));

        assertThat(budget.reserve()).isEqualTo(TimeUnit.SECONDS.toNanos(2));
        assertThat(budget.reserve()).isEqualTo(TimeUnit.SECONDS.toNanos(2) + TimeUnit.MILLISECONDS.toNanos(10));
    }

}
