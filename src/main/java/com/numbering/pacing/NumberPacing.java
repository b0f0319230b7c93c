package com.numbering.pacing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;

/**
 * The shared SMS number's pacing: its send window and daily segment cap ({@code sms_send_windows}, shared by every
 * process), the account turn each send needs, and how late a send may leave after its slot. A send goes through it in order:
 * {@link Run#begin}, {@link Send#reserve} (the account turn, then the number's slot), then, once the caller has
 * committed {@code sending}, {@link Send#awaitSlot} and the request, and {@link Send#close} after its answer.
 */
@Component
public class NumberPacing {

    /** New slots a send that keeps waking late may take before it is given up. */
    static final int RESLOTS = 3;

    private final SendWindow window;

    private final AccountPacing account;

    NumberPacing(SendWindow window, AccountPacing account) {
        this.window = window;
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
        this.window.refund(sender, slot);
    }

    /** Nobody sends from this number before {@code delay} from now (a 429, a full queue). */
    public void pushBack(String sender, Duration delay) {
        this.window.pushBack(sender, delay);
    }

    public long segmentsUsedToday(String sender) {
        return this.window.segmentsUsedToday(sender);
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
            return NumberPacing.this.window.reserve(this.run.sender, segments, dailyBudget, this.run.interval,
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
            for (int reslots = 0;; reslots++) {
                TimeUnit.NANOSECONDS.sleep(current.waitFromNow().toNanos());
                if (onTime(current)) {
                    return Optional.of(current);
                }
                if (reslots == RESLOTS) {
                    return Optional.empty();
                }
                current = NumberPacing.this.window.reslot(this.run.sender, current, this.run.interval,
                        this.run.lateness);
            }
        }

        private boolean onTime(SendSlot slot) {
            return slot.lateBy().compareTo(this.run.lateness) <= 0;
        }

        @Override
        public void close() {
            if (this.first) {
                try {
                    NumberPacing.this.window.pushBack(this.run.sender, this.run.interval);
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
