package com.numbering.pacing;

import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;


/**
 * The shared number's send window in PostgreSQL ({@code sms_send_windows}): one statement reserves the next send
 * slot and the message's segments of the day's budget, on the database's clock, so that every dispatcher of every
 * process together keeps the number's rate and daily cap, and a run that starts right after another does not burst.
 */
@Repository
class SendWindow {

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

    SendWindow(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param interval the time between two sends of this number
     * @param lead how far ahead of now the slot is at least: time for the caller to commit {@code sending}, so that
     *        a send does not start late when the window is idle
     * @param turn the account turn taken for this send, carried by the slot to the request
     * @return when this send may go, or empty when the day's budget cannot take its segments
     */
    Optional<SendSlot> reserve(String sender, int segments, long dailyBudget, Duration interval, Duration lead,
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
    SendSlot reslot(String sender, SendSlot late, Duration interval, Duration lead) {
        List<Long> next = this.jdbc.queryForList(RESLOT, Long.class, lead.toNanos() / 1e9, interval.toNanos() / 1e9,
                sender);
        return next.stream()
            .findFirst()
            .map(micros -> late.movedTo(Instant.EPOCH.plus(micros, ChronoUnit.MICROS).minus(interval)))
            .orElse(late);
    }

    /** Telnyx refused the message: its segments were not spent. */
    void refund(String sender, SendSlot slot) {
        this.jdbc.update(REFUND, slot.segments(), sender, Date.valueOf(slot.day()));
    }

    /** Nobody sends from this number before {@code delay} from now (the first send of a run, a 429, a full queue). */
    void pushBack(String sender, Duration delay) {
        this.jdbc.update(PUSH_BACK, delay.toNanos() / 1e9, sender);
    }

    long segmentsUsedToday(String sender) {
        return this.jdbc.query(USED_TODAY, (rs, i) -> rs.getLong(1), sender).stream().findFirst().orElse(0L);
    }

}
