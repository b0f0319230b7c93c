package com.numbering.pacing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;

/**
 * The shared SMS number's pacing: its send window and daily segment cap ({@code sms_send_windows}, shared by every
 * process), the account turn each send needs, and the spacing of one run's sends. A send goes through it in order:
 * {@link Run#begin}, {@link Send#reserve} (the account turn, then the number's slot), then, once the caller has
 * committed {@code sending}, {@link Send#awaitSlot} and the request, and {@link Send#close} after its answer.
 */
@Component
public class NumberPacing {

    private final SendWindow window;

    private final AccountPacing account;

    NumberPacing(SendWindow window, AccountPacing account) {
        this.window = window;
        this.account = account;
    }

    /** @param interval the time between two sends of this number */
    public Run startRun(String sender, Duration interval) {
        return new Run(sender, interval);
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

        private final AtomicBoolean firstTaken = new AtomicBoolean();

        private final CountDownLatch firstAnswered = new CountDownLatch(1);

        private final Gate gate;

        private Run(String sender, Duration interval) {
            this.sender = sender;
            this.interval = interval;
            this.gate = new Gate(interval.toNanos());
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
            return NumberPacing.this.window.reserve(this.run.sender, segments, dailyBudget, this.run.interval, turn);
        }

        /**
         * Sleeps until the slot, then through the run's gate; call it after {@code sending} is committed and send
         * right after it: a slot is never taken early and spent late.
         */
        public void awaitSlot(SendSlot slot) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(slot.waitFromNow().toNanos());
            this.run.gate.pass();
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
