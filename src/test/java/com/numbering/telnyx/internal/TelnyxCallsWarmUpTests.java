package com.numbering.telnyx.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.numbering.pacing.AccountPacing;
import com.numbering.pacing.UnlimitedBudget;
import com.numbering.telnyx.internal.TelnyxCalls.Kind;

import static org.assertj.core.api.Assertions.assertThat;

class TelnyxCallsWarmUpTests {

    /** A thread per call: a shared pool could queue the second call behind the first and prove nothing. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private final AccountPacing account = new AccountPacing(new UnlimitedBudget());

    private final TelnyxCalls calls = new TelnyxCalls(this.account,
            new TelnyxErrors(new ObjectMapper(), Duration.ofSeconds(60), new SimpleMeterRegistry()), 1,
            new SimpleMeterRegistry());

    @AfterEach
    void stopThreads() {
        this.threads.shutdownNow();
    }

    @Test
    void inAColdProcessTheOtherCallsWaitForTheFirstToFinish() throws Exception {
        // given a first call under way, still cold
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        CompletableFuture<String> first = firstCallHeldBy(firstMayEnd);

        // when a second call comes
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> this.calls.execute("GET /b", Kind.READ,
                () -> "second"), this.threads);

        // then it waits for the first
        assertThat(second.completeOnTimeout("still waiting", 500, TimeUnit.MILLISECONDS).get()).isEqualTo("still waiting");
        firstMayEnd.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        // and goes once it is done
        assertThat(this.calls.execute("GET /c", Kind.READ, () -> "third")).isEqualTo("third");
    }

    @Test
    void onceTheClientIsPrimedNoCallWaitsForAFirstOne() throws Exception {
        // given a primed client and a first call under way
        this.account.primed();
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        CompletableFuture<String> first = firstCallHeldBy(firstMayEnd);

        // when a second call comes, then it goes at once
        String second = CompletableFuture
            .supplyAsync(() -> this.calls.execute("GET /b", Kind.READ, () -> "second"), this.threads)
            .get(5, TimeUnit.SECONDS);
        assertThat(second).isEqualTo("second");
        firstMayEnd.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
    }

    private CompletableFuture<String> firstCallHeldBy(CountDownLatch mayEnd) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> this.calls.execute("GET /a", Kind.READ,
                () -> {
                    started.countDown();
                    try {
                        mayEnd.await();
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    return "first";
                }), this.threads);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        return first;
    }

}
