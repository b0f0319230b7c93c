package com.numbering.telnyx.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.ws.rs.ProcessingException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import com.numbering.support.Backoff;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.internal.RequestBudget.Traffic;
import com.telnyx.sdk.ApiException;

/**
 * Runs one Telnyx call inside the request budget, classifies its failure and retries what is safe to retry.
 * This is the only layer that retries Telnyx calls.
 */
final class TelnyxCalls {

    private static final Logger log = LoggerFactory.getLogger(TelnyxCalls.class);

    private static final Duration BASE_BACKOFF = Duration.ofMillis(250);

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(16);

    /** The longest a call waits for the process's first one (a read timeout is the first call's own bound). */
    private static final Duration WARM_UP_WAIT = Duration.ofSeconds(30);

    private final RequestBudget budget;

    private final TelnyxErrors errors;

    private final int maxAttempts;

    private final MeterRegistry meters;

    /**
     * Open once the process's first call is done, or the client primed. A cold process's first calls all stall on
     * class loading and the JIT, long after their turns, then leave together: a burst Telnyx would answer with 429s.
     * The first goes alone.
     */
    private final CountDownLatch warmedUp = new CountDownLatch(1);

    private final AtomicBoolean warming = new AtomicBoolean();

    /** This thread already waited for its next call's turn ({@link #acquireAhead}). */
    private final ThreadLocal<Boolean> acquiredAhead = ThreadLocal.withInitial(() -> false);

    TelnyxCalls(RequestBudget budget, TelnyxErrors errors, int maxAttempts, MeterRegistry meters) {
        this.budget = budget;
        this.errors = errors;
        this.maxAttempts = maxAttempts;
        this.meters = meters;
    }

    /** The path a first call would warm is warm already ({@link ClientPriming}): no call waits for a first one. */
    void primed() {
        this.warmedUp.countDown();
    }

    /** What a retry may cost. */
    enum Kind {

        /** No side effect: retried on any transient error. */
        READ,
        /** Same effect however often it is applied (PATCH to a desired state): retried like a read. */
        IDEMPOTENT_WRITE,
        /** Spends money or sends a message: retried only on 429 (Telnyx did not process it). */
        WRITE

    }

    @FunctionalInterface
    interface Call<T> {

        T run() throws ApiException;

    }

    /**
     * Takes this thread's next call's turn now. When the budget cannot be reached the call itself will say so (and
     * not be made).
     */
    void acquireAhead(Traffic traffic) throws InterruptedException {
        try {
            if (this.warming.get()) {
                // waits for a first call under way, never claims it: this thread may never make its call
                this.warmedUp.await(WARM_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            this.budget.acquire(traffic);
            this.acquiredAhead.set(true);
        }
        catch (DataAccessException ex) {
            log.debug("The shared request budget is unreachable: {}", ex.getMessage());
        }
    }

    <T> T execute(String operation, Kind kind, Call<T> call) {
        for (int attempt = 1;; attempt++) {
            Attempt<T> outcome = attempt(operation, kind, call);
            if (outcome.failure() == null) {
                count(operation, "ok");
                return outcome.value();
            }
            TelnyxException failure = outcome.failure();
            if (!(failure instanceof TelnyxException.Transient transientFailure) || attempt >= this.maxAttempts
                    || (kind == Kind.WRITE && !transientFailure.isRateLimited())) {
                count(operation, outcome(failure));
                throw failure;
            }
            count(operation, transientFailure.isRateLimited() ? "rate_limited" : "retried");
            log.debug("{} attempt {} failed transiently: {}", operation, attempt, failure.getMessage());
            waitBeforeRetry(transientFailure, attempt);
        }
    }

    private <T> Attempt<T> attempt(String operation, Kind kind, Call<T> call) {
        try {
            return attemptInTurn(operation, kind, call);
        }
        finally {
            this.warmedUp.countDown();
        }
    }

    private <T> Attempt<T> attemptInTurn(String operation, Kind kind, Call<T> call) {
        try {
            if (this.acquiredAhead.get()) {
                this.acquiredAhead.set(false);
            }
            else {
                awaitWarmUp();
                this.budget.acquire(Traffic.of(operation));
            }
        }
        catch (DataAccessException ex) {
            // Never unthrottled: without the shared budget the call is not made.
            return new Attempt<>(null, new TelnyxException.Transient(operation
                    + ": not sent, the shared request budget in PostgreSQL is unreachable", 0, null, null, false, ex));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Attempt<>(null,
                    new TelnyxException.Transient(operation + ": interrupted", 0, null, null, false, ex));
        }
        Timer.Sample sample = Timer.start(this.meters);
        try {
            return new Attempt<>(call.run(), null);
        }
        catch (ApiException ex) {
            return new Attempt<>(null, this.errors.classify(operation, ex, kind != Kind.READ));
        }
        catch (ProcessingException ex) {
            return new Attempt<>(null, this.errors.classify(operation, ex, kind != Kind.READ));
        }
        finally {
            sample.stop(Timer.builder("numbering.telnyx.request")
                .description("Time Telnyx took to answer one request (each attempt), by operation")
                .tag("operation", operation)
                .register(this.meters));
        }
    }

    private void awaitWarmUp() throws InterruptedException {
        if (!this.warming.compareAndSet(false, true)) {
            this.warmedUp.await(WARM_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private record Attempt<T>(T value, TelnyxException failure) {
    }

    private void waitBeforeRetry(TelnyxException.Transient failure, int attempt) {
        if (failure.retryAfter() != null) {
            // Everyone waits, not just this caller: the limit is per account.
            this.budget.pause(failure.retryAfter());
            return;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(Backoff.jittered(BASE_BACKOFF, MAX_BACKOFF, attempt).toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private static String outcome(TelnyxException failure) {
        if (failure instanceof TelnyxException.Fatal) {
            return "fatal";
        }
        if (failure instanceof TelnyxException.Transient transientFailure && transientFailure.isRateLimited()) {
            // a 429 that used up its retries: the account's rate limit, not a flaky network
            return "rate_limited";
        }
        return failure instanceof TelnyxException.Rejected ? "rejected" : "transient";
    }

    private void count(String operation, String outcome) {
        Counter.builder("numbering.telnyx.requests")
            .description("Telnyx API calls by operation and outcome")
            .tag("operation", operation)
            .tag("outcome", outcome)
            .register(this.meters)
            .increment();
    }

}
