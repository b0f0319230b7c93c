package com.numbering.telnyx.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.ws.rs.ProcessingException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import com.numbering.pacing.AccountPacing;
import com.numbering.pacing.Traffic;
import com.numbering.pacing.Turn;
import com.numbering.support.Backoff;
import com.numbering.telnyx.TelnyxException;
import com.telnyx.sdk.ApiException;

/**
 * Runs one Telnyx call in its turn of the account's request budget ({@link AccountPacing}), classifies its failure
 * and retries what is safe to retry. This is the only layer that retries Telnyx calls.
 */
final class TelnyxCalls {

    private static final Logger log = LoggerFactory.getLogger(TelnyxCalls.class);

    private static final Duration BASE_BACKOFF = Duration.ofMillis(250);

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(16);

    private final AccountPacing account;

    private final TelnyxErrors errors;

    private final int maxAttempts;

    private final MeterRegistry meters;

    TelnyxCalls(AccountPacing account, TelnyxErrors errors, int maxAttempts, MeterRegistry meters) {
        this.account = account;
        this.errors = errors;
        this.maxAttempts = maxAttempts;
        this.meters = meters;
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

    <T> T execute(String operation, Kind kind, Call<T> call) {
        return execute(operation, kind, Turn.none(), call);
    }

    /** @param turn taken ahead for this call ({@link AccountPacing#takeAhead}): its first attempt uses it */
    <T> T execute(String operation, Kind kind, Turn turn, Call<T> call) {
        for (int attempt = 1;; attempt++) {
            Attempt<T> outcome = attempt(operation, kind, turn, call);
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

    private <T> Attempt<T> attempt(String operation, Kind kind, Turn turn, Call<T> call) {
        try {
            return attemptInTurn(operation, kind, turn, call);
        }
        finally {
            this.account.callEnded();
        }
    }

    private <T> Attempt<T> attemptInTurn(String operation, Kind kind, Turn turn, Call<T> call) {
        try {
            if (!turn.use()) {
                this.account.awaitTurn(traffic(operation));
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

    /** Sending alerts and reading their delivery go first; the rest is bulk. */
    private static Traffic traffic(String operation) {
        return operation.startsWith("POST /messages") || operation.startsWith("GET /messages/") ? Traffic.ALERT
                : Traffic.BULK;
    }

    private record Attempt<T>(T value, TelnyxException failure) {
    }

    private void waitBeforeRetry(TelnyxException.Transient failure, int attempt) {
        if (failure.retryAfter() != null) {
            // Everyone waits, not just this caller: the limit is per account.
            this.account.pause(failure.retryAfter());
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
        if (failure instanceof TelnyxException.Late) {
            // not sent: it would have left after its slot's deadline
            return "late";
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
