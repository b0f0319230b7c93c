package com.numbering.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One dispatch run's time to claim and send alerts, then to read back earlier ones' delivery
 * ({@code numbering.alerts.run-budget}, counted from the job's start), so that a run ends on its own, completed,
 * before the CronJob's deadline stops it: a backlog is the next run's work, not a failure.
 */
final class RunBudget {

    private final Clock clock;

    private final Instant end;

    private final AtomicInteger left = new AtomicInteger();

    private volatile boolean cutShort;

    /** What is left of {@code budget} for a step of a job that started at {@code jobStart} (null: not yet). */
    static Duration leftOf(Duration budget, LocalDateTime jobStart) {
        return jobStart == null ? budget : budget.minus(Duration.between(jobStart, LocalDateTime.now()));
    }

    RunBudget(Clock clock, Duration budget) {
        this.clock = clock;
        this.end = clock.instant().plus(budget);
    }

    /** Asked only where the answer changes what the run does: a true answer means it did. */
    boolean spent() {
        if (this.clock.instant().isBefore(this.end)) {
            return false;
        }
        this.cutShort = true;
        return true;
    }

    /** Whether the budget kept this run from claiming or starting an alert. */
    boolean cutShort() {
        return this.cutShort;
    }

    /** A claimed alert went back to the queue unsent because the budget was spent. */
    void leftOne() {
        this.left.incrementAndGet();
    }

    int leftForNextRun() {
        return this.left.get();
    }

}
