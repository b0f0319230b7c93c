package com.numbering.pacing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Every Telnyx request's turn in the account's request budget ({@link RequestBudget}, shared by every process), and
 * the warm-up of a cold process: its first call goes alone.
 * <p>
 * A call either waits for its turn itself ({@link #awaitTurn}) or is handed one taken ahead ({@link #takeAhead}) by a
 * sender with its own pacing, which must not wait for the account between its own slot and the request.
 */
public final class AccountPacing {

    private static final Logger log = LoggerFactory.getLogger(AccountPacing.class);

    /** The longest a call waits for the process's first one (a read timeout is the first call's own bound). */
    private static final Duration WARM_UP_WAIT = Duration.ofSeconds(30);

    private final RequestBudget budget;

    /**
     * Open once the process's first call is done, or the client primed. A cold process's first calls all stall on
     * class loading and the JIT, long after their turns, then leave together: a burst Telnyx would answer with 429s.
     * The first goes alone.
     */
    private final CountDownLatch warmedUp = new CountDownLatch(1);

    private final AtomicBoolean warming = new AtomicBoolean();

    public AccountPacing(RequestBudget budget) {
        this.budget = budget;
    }

    /** The path a first call would warm is warm already: no call waits for a first one. */
    public void primed() {
        this.warmedUp.countDown();
    }

    /**
     * Takes a turn now for a call this thread is about to make, and hands it over.
     * @return the turn, or {@link Turn#none()} when the budget cannot be reached: the call then waits for its own,
     *         and is not made if the budget is still unreachable
     */
    public Turn takeAhead(Traffic traffic) throws InterruptedException {
        try {
            if (this.warming.get()) {
                // waits for a first call under way, never claims it: this thread may never make its call
                this.warmedUp.await(WARM_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            this.budget.acquire(traffic);
            return Turn.taken();
        }
        catch (DataAccessException ex) {
            log.debug("The shared request budget is unreachable: {}", ex.getMessage());
            return Turn.none();
        }
    }

    /**
     * Waits for this call's turn; in a cold process the first call goes alone and the others wait for it
     * ({@link #callEnded}).
     * @throws DataAccessException when the budget cannot be reached: the call must not be made
     */
    public void awaitTurn(Traffic traffic) throws InterruptedException {
        if (!this.warming.compareAndSet(false, true)) {
            this.warmedUp.await(WARM_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        this.budget.acquire(traffic);
    }

    /** A call is over, answered or not: the process is warm. */
    public void callEnded() {
        this.warmedUp.countDown();
    }

    /** Nobody, in any process, makes a request before {@code delay} from now (a 429's reset). */
    public void pause(Duration delay) {
        this.budget.pause(delay);
    }

}
