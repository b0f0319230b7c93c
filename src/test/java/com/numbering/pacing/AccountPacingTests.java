package com.numbering.pacing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountPacingTests {

    /** A thread per caller: a shared pool could queue one behind another and prove nothing. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private final AccountPacing account = new AccountPacing(new UnlimitedBudget());

    @AfterEach
    void stopThreads() {
        this.threads.shutdownNow();
    }

    @Test
    void aTurnTakenAheadIsGoodForOneRequest() throws Exception {
        Turn turn = this.account.takeAhead(Traffic.ALERT);

        assertThat(turn.use()).isTrue();
        assertThat(turn.use()).isFalse();
        assertThat(Turn.none().use()).isFalse();
    }

    @Test
    void takingATurnAheadNeverClaimsTheFirstCallOfAColdProcess() throws Exception {
        // given a turn taken ahead in a cold process, by a thread that may never make its call
        this.account.takeAhead(Traffic.ALERT);

        // when a call comes, then it is the first, and goes at once
        CompletableFuture.runAsync(this::awaitTurn, this.threads).get(5, TimeUnit.SECONDS);

        // and the next call waits for the first to end
        CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
            awaitTurn();
            return "went";
        }, this.threads);
        assertThat(next.copy().completeOnTimeout("waiting", 500, TimeUnit.MILLISECONDS).get()).isEqualTo("waiting");
        this.account.callEnded();
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("went");
    }

    @Test
    void aTurnTakenAheadWaitsForTheFirstCallUnderWay() throws Exception {
        // given the first call of a cold process under way
        this.account.awaitTurn(Traffic.BULK);

        // when a sender takes a turn ahead, then it waits until that call ends
        CompletableFuture<Turn> ahead = CompletableFuture.supplyAsync(this::takeAhead, this.threads);
        assertThat(ahead.copy().completeOnTimeout(null, 500, TimeUnit.MILLISECONDS).get()).isNull();
        this.account.callEnded();
        assertThat(ahead.get(5, TimeUnit.SECONDS).use()).isTrue();
    }

    @Test
    void onceTheClientIsPrimedNoTurnWaitsForAFirstCall() throws Exception {
        // given a primed process and a first call under way
        this.account.primed();
        this.account.awaitTurn(Traffic.BULK);

        // when another call and a sender come, then both go at once
        CompletableFuture.runAsync(this::awaitTurn, this.threads).get(5, TimeUnit.SECONDS);
        assertThat(CompletableFuture.supplyAsync(this::takeAhead, this.threads).get(5, TimeUnit.SECONDS).use()).isTrue();
    }

    private void awaitTurn() {
        try {
            this.account.awaitTurn(Traffic.BULK);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private Turn takeAhead() {
        try {
            return this.account.takeAhead(Traffic.ALERT);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Turn.none();
        }
    }

}
