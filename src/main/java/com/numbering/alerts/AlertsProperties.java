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
 * @param pacingMargin added to every interval of 1/{@code messagesPerSecond}: the jitter between our send and its
 *        arrival at Telnyx (scheduling, network) must never make two sends arrive closer than 1/N
 * @param dailySegmentBudget segments per UTC day (T-Mobile's brand cap, shared with anything else the brand sends)
 * @param claimSize alerts claimed at once
 * @param workers alerts in flight at once
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
        @Min(1) long dailySegmentBudget, @Min(1) @Max(1000) int claimSize, @Min(1) @Max(64) int workers,
        @Min(1) @Max(20) int maxAttempts, @NotNull Duration retryBackoff, @NotNull Duration maxRetryBackoff,
        boolean allowUnassignedCampaign, @NotNull Duration deliveryCheckDelay,
        @NotNull Duration deliveryRecheckInterval, @Min(0) int deliveryChecksPerRun,
        @NotNull @DurationMin(seconds = 1, message = "must be at least 1s, with its unit (30s): a bare number is read "
                + "as milliseconds; set NUMBERING_ALERTS_RUN_BUDGET well below the CronJob's activeDeadlineSeconds")
        @DurationMax(hours = 1, message = "must be at most 1h: set NUMBERING_ALERTS_RUN_BUDGET well below the "
                + "CronJob's activeDeadlineSeconds") Duration runBudget) {

    String compose(String body) {
        return this.brand + ": " + body + " " + this.optOutText;
    }

}
