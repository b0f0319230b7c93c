package com.numbering.alerts;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param brand who speaks: the system, never a tenant (the shared number is not the tenant's)
 * @param optOutText appended to every alert
 * @param messagesPerSecond what the shared number's 10DLC campaign may send (AT&T TPM / 60)
 * @param pacingMargin kept free in every second of sending (every window of N messages at N per second): the
 *        interval is (1 s + margin) / N, so that N sends in a row never arrive within less than (N − 1) / N seconds
 *        as long as the jitter between our sends and their arrival at Telnyx (scheduling, network) stays below the
 *        margin; it costs margin / (1 s + margin) of the rate, whatever the rate
 * @param dailySegmentBudget segments per UTC day (T-Mobile's brand cap, shared with anything else the brand sends)
 * @param claimSize alerts claimed at once
 * @param workers alerts in flight at once (waiting for their slot or for Telnyx's answer); unset, enough for the
 *        rate ({@link #workersFor})
 * @param maxAttempts sends tried (429, queue full, 5xx) before an alert is {@code failed}
 * @param retryBackoff wait after the first retryable failure; doubles, with jitter, up to {@code maxRetryBackoff}
 * @param maxRetryBackoff ceiling of that wait
 * @param allowUnassignedCampaign send although the shared number has no 10DLC campaign (test accounts only)
 * @param deliveryCheckDelay how long after a send its final status is first read from Telnyx
 * @param deliveryRecheckInterval how long until a message still in flight is read again
 * @param deliveryChecksPerRun most messages read back in one run (each is one request of the Telnyx budget)
 * @param runBudget how long one run, from the job's start, claims and sends alerts and then reads back deliveries:
 *        once it is spent no alert is claimed or started and no delivery read, sends under way finish, and the
 *        backlog is left for the next run, which ends normally; keep it well below
 *        the CronJob's {@code activeDeadlineSeconds} ({@code NUMBERING_ALERTS_RUN_BUDGET}, 1 s to 1 h)
 */
@Validated
@ConfigurationProperties("numbering.alerts")
record AlertsProperties(@NotBlank String brand, @NotBlank String optOutText, @DecimalMin(value = "0.1", message = "must be at least 0.1: the shared number's 10DLC rate in messages per second")
        @DecimalMax(value = "1000", message = "must be at most 1000: the shared number's 10DLC rate in messages per second")
        double messagesPerSecond,
        @NotNull Duration pacingMargin,
        @Min(1) long dailySegmentBudget, @Min(1) @Max(1000) int claimSize, @Min(1) @Max(64) Integer workers,
        @Min(1) @Max(20) int maxAttempts, @NotNull Duration retryBackoff, @NotNull Duration maxRetryBackoff,
        boolean allowUnassignedCampaign, @NotNull Duration deliveryCheckDelay,
        @NotNull Duration deliveryRecheckInterval, @Min(0) int deliveryChecksPerRun,
        @NotNull @DurationMin(seconds = 1, message = "must be at least 1s, with its unit (30s): a bare number is read "
                + "as milliseconds; set NUMBERING_ALERTS_RUN_BUDGET well below the CronJob's activeDeadlineSeconds")
        @DurationMax(hours = 1, message = "must be at most 1h: set NUMBERING_ALERTS_RUN_BUDGET well below the "
                + "CronJob's activeDeadlineSeconds") Duration runBudget) {

    /** What a send may take besides its wait for the slot: Telnyx's answer, our round trips to PostgreSQL. */
    static final Duration SEND_TIME = Duration.ofMillis(250);

    /** The workers when none are set: the fewest that ever leave the window idle for want of one. */
    static final int MIN_WORKERS = 4;

    /**
     * The interval between two sends of the number: 1/N stretched by the margin, so that the margin is kept once in
     * every window of N messages instead of N times (which cost 9 % of the rate at 50/s with 2 ms).
     */
    Duration interval() {
        return Duration.ofNanos(
                (long) ((Duration.ofSeconds(1).plus(this.pacingMargin).toNanos()) / this.messagesPerSecond));
    }

    /**
     * Half the margin: a send that would leave later than that after its slot takes a new one, so that lateness never
     * eats more than half of a window's margin, and the other half is left for the way to Telnyx.
     */
    Duration lateness() {
        return this.pacingMargin.dividedBy(2);
    }

    /**
     * The workers set, or else enough to keep a slot reserved ahead while the others wait for Telnyx: the sends one
     * {@link #SEND_TIME} holds at the rate, plus two, at least {@link #MIN_WORKERS}; never more than the connections
     * to Telnyx, since a worker past its slot that waits for a connection would leave late and bunch.
     * @param connections {@code numbering.telnyx.max-concurrent-requests}
     */
    int workersFor(int connections) {
        if (this.workers != null) {
            return this.workers;
        }
        int forTheRate = (int) Math.ceil(this.messagesPerSecond * SEND_TIME.toNanos() / 1e9) + 2;
        return Math.min(connections, Math.min(64, Math.max(MIN_WORKERS, forTheRate)));
    }

    String compose(String body) {
        return this.brand + ": " + body + " " + this.optOutText;
    }

}
