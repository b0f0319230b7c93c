package com.numbering.pacing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.JdbcTemplate;


/**
 * The account's request budget in PostgreSQL ({@code telnyx_request_budgets}), shared by every process: a generic
 * cell rate algorithm (a token bucket kept as one timestamp, the theoretical arrival time of the next request) whose
 * every reservation is one atomic statement on the database's clock, committed on its own so that no caller's
 * transaction holds the row. Nothing is held between calls: a process killed at any point leaks no permit, at most
 * the one slot it had reserved.
 * <p>
 * The share rule: alerts reserve the next slot however far ahead it is and may use the whole burst; bulk traffic
 * reserves only a slot at most {@code bulkLookahead} away and never the last {@code reservedForAlerts} of the burst,
 * and otherwise sleeps until one is that close and asks again. So bulk jobs use all the budget alerts leave, and an
 * alert waits behind at most {@code bulkLookahead} of bulk traffic, however many bulk processes run.
 * <p>
 * Pauses are bounded: a 429's reset enters the row cut to {@code maxPause}, and the row is never read or written
 * further ahead of now than {@code maxPause} plus the burst tolerance, so no reset, however long, and no row left by
 * another setting silences alerts for longer than that.
 */
public final class SharedRequestBudget implements RequestBudget {

    /**
     * A row further ahead than the ceiling (left by a longer pause or a slower rate of another version or setting) is
     * read as the ceiling: nobody ever waits longer than the clamp for what is already in the row.
     */
    private static final String RESERVE = """
            INSERT INTO telnyx_request_budgets AS b (account, tat)
            VALUES (?, clock_timestamp() + make_interval(secs => ?))
            ON CONFLICT (account) DO UPDATE
               SET tat = least(greatest(b.tat, clock_timestamp()), clock_timestamp() + make_interval(secs => ?))
                         + make_interval(secs => ?)
             WHERE least(greatest(b.tat, clock_timestamp()), clock_timestamp() + make_interval(secs => ?))
                   + make_interval(secs => ?) <= clock_timestamp() + make_interval(secs => ?)
            RETURNING extract(epoch FROM tat - clock_timestamp())::float8
            """;

    /** How far ahead the row is; a row beyond the ceiling is brought back to it, so that bulk traffic gets a turn. */
    private static final String AHEAD = """
            WITH pulled AS (
                UPDATE telnyx_request_budgets SET tat = clock_timestamp() + make_interval(secs => ?)
                WHERE account = ? AND tat > clock_timestamp() + make_interval(secs => ?)
                RETURNING tat)
            SELECT extract(epoch FROM coalesce((SELECT tat FROM pulled), b.tat) - clock_timestamp())::float8
            FROM telnyx_request_budgets b WHERE account = ?
            """;

    private static final String PAUSE = """
            INSERT INTO telnyx_request_budgets AS b (account, tat)
            VALUES (?, clock_timestamp() + make_interval(secs => ?))
            ON CONFLICT (account) DO UPDATE
               SET tat = least(greatest(b.tat, EXCLUDED.tat), clock_timestamp() + make_interval(secs => ?))
            """;

    private final JdbcTemplate jdbc;

    private final String account;

    /** Seconds between two requests at the account's rate. */
    private final double interval;

    /** Seconds of burst tolerance: how far the next arrival may run ahead of now and still go at once. */
    private final double tolerance;

    private final double bulkMaxAhead;

    private final double alertMaxAhead;

    /** The longest pause a 429 may cause, in seconds. */
    private final double maxPause;

    /** How far ahead of now the row may ever be: the longest pause plus the burst tolerance. */
    private final double ceiling;

    /** A 429 seen in this process also stops the slots this process reserved before it. */
    private volatile long pausedUntilNanos = System.nanoTime();

    /** 429s seen in this process: a slot reserved before one is given up, not used at the pause's end. */
    private final AtomicLong pauses = new AtomicLong();

    public SharedRequestBudget(JdbcTemplate jdbc, double requestsPerSecond,
            TelnyxBudgetProperties properties) {
        this.jdbc = jdbc;
        this.account = properties.account();
        this.interval = 1 / requestsPerSecond;
        this.tolerance = (properties.burst() - 1) * this.interval;
        double bulkTolerance = (properties.burst() - 1 - properties.reservedForAlerts()) * this.interval;
        this.bulkMaxAhead = this.interval + bulkTolerance + properties.bulkLookahead().toNanos() / 1e9;
        this.maxPause = properties.maxPause().toNanos() / 1e9;
        this.ceiling = this.tolerance + this.maxPause;
        // An alert reserves however far ahead the row is, up to the ceiling: it waits at most the clamp.
        this.alertMaxAhead = this.interval + this.ceiling;
    }

    @Override
    public void acquire(Traffic traffic) throws InterruptedException {
        double maxAhead = traffic == Traffic.ALERT ? this.alertMaxAhead : this.bulkMaxAhead;
        while (true) {
            long pausesBefore = this.pauses.get();
            Double ahead = reserve(maxAhead);
            if (ahead != null) {
                // The slot is the arrival time less one interval (this request's) and the burst tolerance.
                sleepSeconds(ahead - this.interval - this.tolerance);
                if (this.pauses.get() == pausesBefore) {
                    return;
                }
                // Every slot reserved before the 429 would leave together at the pause's end: take a new one.
                sleepUntilLocalPauseEnds();
                continue;
            }
            double current = currentAhead();
            double jitter = ThreadLocalRandom.current().nextDouble(this.interval);
            sleepSeconds(current + this.interval - maxAhead + jitter);
        }
    }

    @Override
    public void pause(Duration delay) {
        double seconds = Math.min(delay.toNanos() / 1e9, this.maxPause);
        this.pausedUntilNanos = Math.max(this.pausedUntilNanos, System.nanoTime() + (long) (seconds * 1e9));
        this.pauses.incrementAndGet();
        this.jdbc.update(PAUSE, this.account, seconds + this.tolerance, this.ceiling);
    }

    private Double reserve(double maxAhead) {
        List<Double> ahead = this.jdbc.queryForList(RESERVE, Double.class,
                this.account, this.interval, this.ceiling, this.interval, this.ceiling, this.interval, maxAhead);
        return ahead.isEmpty() ? null : ahead.get(0);
    }

    private double currentAhead() {
        List<Double> ahead = this.jdbc.queryForList(AHEAD, Double.class,
                this.ceiling, this.account, this.ceiling, this.account);
        return ahead.isEmpty() ? 0 : ahead.get(0);
    }

    private void sleepUntilLocalPauseEnds() throws InterruptedException {
        long wait = this.pausedUntilNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static void sleepSeconds(double seconds) throws InterruptedException {
        if (seconds > 0) {
            TimeUnit.NANOSECONDS.sleep((long) (seconds * 1e9));
        }
    }

}
