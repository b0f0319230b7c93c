package com.numbering.telnyx.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import com.numbering.pacing.AccountPacing;
import com.numbering.pacing.RequestBudget;
import com.numbering.pacing.Traffic;
import com.numbering.pacing.Turn;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.internal.TelnyxCalls.Kind;
import com.telnyx.sdk.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Which turn in the account's budget each attempt uses: one taken ahead, once, or its own. */
class TelnyxCallsTurnTests {

    /** The turns the budget gave, by traffic. */
    private final List<Traffic> turns = new CopyOnWriteArrayList<>();

    private volatile boolean reachable = true;

    private final AccountPacing account = new AccountPacing(new RequestBudget() {

        @Override
        public void acquire(Traffic traffic) {
            if (!TelnyxCallsTurnTests.this.reachable) {
                throw new DataAccessResourceFailureException("PostgreSQL is down");
            }
            TelnyxCallsTurnTests.this.turns.add(traffic);
        }

        @Override
        public void pause(Duration delay) {
        }

    });

    private final TelnyxCalls calls = new TelnyxCalls(this.account,
            new TelnyxErrors(new ObjectMapper(), Duration.ofSeconds(60), new SimpleMeterRegistry()), 3,
            new SimpleMeterRegistry());

    @Test
    void aCallHandedATurnTakenAheadDoesNotWaitForAnother() throws Exception {
        // given
        Turn turn = this.account.takeAhead(Traffic.ALERT);

        // when
        String sent = this.calls.execute("POST /messages", Kind.WRITE, turn, () -> "sent");

        // then
        assertThat(sent).isEqualTo("sent");
        assertThat(this.turns).containsExactly(Traffic.ALERT);
    }

    @Test
    void aTurnTakenAheadIsUsedByOneCallOnly() throws Exception {
        // given a turn already used by one call
        Turn turn = this.account.takeAhead(Traffic.ALERT);
        this.calls.execute("POST /messages", Kind.WRITE, turn, () -> "first");

        // when a second call is handed the same turn
        this.calls.execute("POST /messages", Kind.WRITE, turn, () -> "second");

        // then the second waited for its own
        assertThat(this.turns).containsExactly(Traffic.ALERT, Traffic.ALERT);
    }

    @Test
    void aCallWithoutATurnTakesOneOfItsTraffic() {
        this.calls.execute("POST /messages", Kind.WRITE, Turn.none(), () -> "sent");
        this.calls.execute("GET /phone_numbers", Kind.READ, () -> "page");

        assertThat(this.turns).containsExactly(Traffic.ALERT, Traffic.BULK);
    }

    @Test
    void aRetryAfterA429WaitsForANewTurn() throws Exception {
        // given a turn taken ahead, and Telnyx answering the first attempt with a 429
        Turn turn = this.account.takeAhead(Traffic.ALERT);
        AtomicInteger attempts = new AtomicInteger();

        // when
        String sent = this.calls.execute("POST /messages", Kind.WRITE, turn, () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new ApiException(429, Map.of("x-ratelimit-reset", List.of("0")), "");
            }
            return "sent";
        });

        // then the retry did not leave on the turn the first attempt spent
        assertThat(sent).isEqualTo("sent");
        assertThat(attempts).hasValue(2);
        assertThat(this.turns).containsExactly(Traffic.ALERT, Traffic.ALERT);
    }

    @Test
    void withTheBudgetUnreachableNoTurnIsTakenAheadAndTheCallIsNotMade() throws Exception {
        // given
        this.reachable = false;
        Turn turn = this.account.takeAhead(Traffic.ALERT);
        AtomicInteger made = new AtomicInteger();

        // when
        TelnyxException.Transient failure = catchThrowableOfType(TelnyxException.Transient.class,
                () -> this.calls.execute("POST /messages", Kind.WRITE, turn, () -> made.incrementAndGet()));

        // then
        assertThat(failure.getMessage()).contains("budget in PostgreSQL is unreachable");
        assertThat(made).hasValue(0);
    }

}
