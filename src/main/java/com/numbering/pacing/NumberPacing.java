package com.numbering.pacing;

import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The shared SMS number's pacing: its send window and daily segment cap, the account turn each send needs, and how
 * late a send may leave after its slot. A send goes through it in order: {@link Run#begin}, {@link Send#reserve} (the
 * account turn, then the number's slot), then, once the caller has committed {@code sending}, {@link Send#awaitSlot}
 * and the request, due to leave by {@link Send#leaveBy} ({@link Send#missed} when it would have left later), and
 * {@link Send#close} after its answer.
 * <p>
 * The window lives in PostgreSQL ({@code sms_send_windows}): one statement reserves the next slot and the message's
 * segments of the day's budget, on the database's clock, so that every dispatcher of every process together keeps
 * the number's rate and daily cap, and a run that starts right after another does not burst.
 */
@Component
public class NumberPacing {

    /** New slots a send that keeps waking late may take before it is given up. */
    static final int RESLOTS = 3;

    /**
     * The slot is the later of the row's next slot and now plus the lead; the budget check and both updates are
     * atomic.
     */
    private static final String RESERVE = """
            INSERT INTO sms_send_windows AS w (sender, next_slot, day, segments_used)
            VALUES (?, clock_timestamp() + make_interval(secs => ?), (clock_timestamp() AT TIME ZONE 'UTC')::date, ?)
            ON CONFLICT (sender) DO UPDATE
               SET next_slot = greatest(w.next_slot, clock_timestamp() + make_interval(secs => ?))
                               + make_interval(secs => ?),
                   day = EXCLUDED.day,
                   segments_used = CASE WHEN w.day = EXCLUDED.day THEN w.segments_used ELSE 0 END
                                   + EXCLUDED.segments_used
             WHERE CASE WHEN w.day = EXCLUDED.day THEN w.segments_used ELSE 0 END + EXCLUDED.segments_used <= ?
            RETURNING (extract(epoch FROM next_slot) * 1000000)::bigint, day
            """;

    /** A later slot for a send that woke too late for its own: the segments stay reserved. */
    private static final String RESLOT = """
            UPDATE sms_send_windows
               SET next_slot = greatest(next_slot, clock_timestamp() + make_interval(secs => ?)) + make_interval(secs => ?)
            WHERE sender = ?
            RETURNING (extract(epoch FROM next_slot) * 1000000)::bigint
            """;

    private static final String REFUND = """
            UPDATE sms_send_windows SET segments_used = greatest(segments_used - ?, 0) WHERE sender = ? AND day = ?
            """;

    private static final String PUSH_BACK = """
            UPDATE sms_send_windows SET next_slot = greatest(next_slot, clock_timestamp() + make_interval(secs => ?))
            WHERE sender = ?
            """;

    private static final String USED_TODAY = """
            SELECT segments_used FROM sms_send_windows
            WHERE sender = ? AND day = (clock_timestamp() AT TIME ZONE 'UTC')::date
            """;

    private final JdbcTemplate jdbc;

    private final AccountPacing account;

    NumberPacing(JdbcTemplate jdbc, AccountPacing account) {
        this.jdbc = jdbc;
        this.account = account;
    }

    /**
     * @param interval the time between two sends of this number
     * @param lateness how long after its slot a send may still leave: one that would leave later takes a new slot
     */
    public Run startRun(String sender, Duration interval, Duration lateness) {
        return new Run(sender, interval, lateness);
    }

    /** The message was not sent (refused, or stopped before the request left): its segments go back. */
    public void refund(String sender, SendSlot slot) {
        this.jdbc.update(REFUND, slot.segments(), sender, Date.valueOf(slot.day()));
    }

    /** Nobody sends from this number before {@code delay} from now (a 429, a full queue). */
    public void pushBack(String sender, Duration delay) {
        this.jdbc.update(PUSH_BACK, delay.toNanos() / 1e9, sender);
    }

    public long segmentsUsedToday(String sender) {
        return this.jdbc.query(USED_TODAY, (rs, i) -> rs.getLong(1), sender).stream().findFirst().orElse(0L);
    }

    /**
     * @param interval the time between two sends of this number
     * @param lead how far ahead of now the slot is at least: time for the caller to commit {@code sending}, so that
     *        a send does not start late when the window is idle
     * @param turn the account turn taken for this send, carried by the slot to the request
     * @return when this send may go, or empty when the day's budget cannot take its segments
     */
    Optional<SendSlot> reserveSlot(String sender, int segments, long dailyBudget, Duration interval, Duration lead,
            Turn turn) {
        double seconds = interval.toNanos() / 1e9;
        double ahead = lead.toNanos() / 1e9;
        List<SendSlot> slots = this.jdbc.query(RESERVE,
                (rs, i) -> new SendSlot(Instant.EPOCH.plus(rs.getLong(1), ChronoUnit.MICROS).minus(interval),
                        rs.getDate(2).toLocalDate(), segments, turn),
                sender, ahead + seconds, segments, ahead, seconds, dailyBudget);
        return slots.stream().findFirst();
    }

    /**
     * The slot a send was too late for stays unused (a gap, never a bunch); it takes the next free one instead.
     * @return the send's new slot, or the same one when the window is gone
     */
    private SendSlot reslot(String sender, SendSlot late, Duration interval, Duration lead) {
        List<Long> next = this.jdbc.queryForList(RESLOT, Long.class, lead.toNanos() / 1e9, interval.toNanos() / 1e9,
                sender);
        return next.stream()
            .findFirst()
            .map(micros -> late.movedTo(Instant.EPOCH.plus(micros, ChronoUnit.MICROS).minus(interval)))
            .orElse(late);
    }

    /**
     * One run's sends from one number. The first send of a run goes alone and the window restarts after its answer,
     * so that a cold start (class loading, a new connection) cannot bunch the first messages together.
     */
    public final class Run {

        private final String sender;

        private final Duration interval;

        private final Duration lateness;

        private final AtomicBoolean firstTaken = new AtomicBoolean();

        private final CountDownLatch firstAnswered = new CountDownLatch(1);

        private Run(String sender, Duration interval, Duration lateness) {
            this.sender = sender;
            this.interval = interval;
            this.lateness = lateness;
        }

        /** Starts one send; any but the run's first waits here until the first has its answer. */
        public Send begin() throws InterruptedException {
            boolean first = this.firstTaken.compareAndSet(false, true);
            if (!first) {
                this.firstAnswered.await();
            }
            return new Send(this, first);
        }

    }

    /** One send of a run; closed once its answer is in (or it was given up). */
    public final class Send implements AutoCloseable {

        private final Run run;

        private final boolean first;

        /** New slots this send has taken after waking, or leaving, too late for one. */
        private int reslots;

        private Send(Run run, boolean first) {
            this.run = run;
            this.first = first;
        }

        /**
         * Takes the account's turn, then reserves the number's slot and the segments of today's budget. The account
         * first: its wait, a database round trip at least, must not fall between the number's slot and the send,
         * where it would bunch two processes' messages.
         * @return the slot, carrying the turn for the request, or empty when today's budget cannot take the segments
         */
        public Optional<SendSlot> reserve(int segments, long dailyBudget) throws InterruptedException {
            Turn turn = NumberPacing.this.account.takeAhead(Traffic.ALERT);
            return NumberPacing.this.reserveSlot(this.run.sender, segments, dailyBudget, this.run.interval,
                    this.run.lateness, turn);
        }

        /**
         * Sleeps until the slot; call it after {@code sending} is committed and send right after it: a slot is never
         * taken early and spent late. A send that wakes more than the run's lateness after its slot (a stalled thread,
         * a busy node) leaves that slot empty and takes the next free one: spent late, it would leave right behind
         * the next slot's send, maybe another process's, and bunch with it. So every send leaves within the lateness
         * of a slot of its own, and N sends in a row, of any processes, never leave within less than N − 1 intervals
         * minus the lateness.
         * @return the slot to send in now, or empty when the send woke late {@value #RESLOTS} times after as many new
         *         slots: it is not made, and the caller gives its alert and segments back
         */
        public Optional<SendSlot> awaitSlot(SendSlot slot) throws InterruptedException {
            SendSlot current = slot;
            while (true) {
                TimeUnit.NANOSECONDS.sleep(current.waitFromNow().toNanos());
                if (onTime(current)) {
                    return Optional.of(current);
                }
                if (this.reslots == RESLOTS) {
                    return Optional.empty();
                }
                this.reslots++;
                current = NumberPacing.this.reslot(this.run.sender, current, this.run.interval,
                        this.run.lateness);
            }
        }

        /**
         * The latest the request may start to leave in {@code slot}: its lateness after it. The HTTP client checks it
         * right before the request's first byte, so that what the request meets after the wake (a new connection's
         * set-up, a cold code path, a pause) cannot make it leave late either.
         */
        public Instant leaveBy(SendSlot slot) {
            return slot.at().plus(this.run.lateness);
        }

        /**
         * The request was not sent: it would have left after {@link #leaveBy}. Like a late wake: the slot stays empty,
         * the send takes the next free one, with an account turn of its own (the missed one was spent), and waits for
         * it; the new slots it may take are counted with the late wakes'.
         * @return the slot to send in now, or empty as {@link #awaitSlot} says
         */
        public Optional<SendSlot> missed(SendSlot slot) throws InterruptedException {
            if (this.reslots == RESLOTS) {
                return Optional.empty();
            }
            this.reslots++;
            Turn turn = NumberPacing.this.account.takeAhead(Traffic.ALERT);
            return awaitSlot(NumberPacing.this.reslot(this.run.sender, slot.withTurn(turn), this.run.interval,
                    this.run.lateness));
        }

        private boolean onTime(SendSlot slot) {
            return slot.lateBy().compareTo(this.run.lateness) <= 0;
        }

        @Override
        public void close() {
            if (this.first) {
                try {
                    NumberPacing.this.pushBack(this.run.sender, this.run.interval);
                }
                finally {
                    // Even when the push-back fails (the database went away): the run's other sends must not wait
                    // for ever; each of them meets the same failure on its own reservation.
                    this.run.firstAnswered.countDown();
                }
            }
        }

    }

}
