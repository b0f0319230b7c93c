package com.numbering.pacing;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The account-wide Telnyx request budget that every process shares through PostgreSQL. Its rate is
 * {@code numbering.telnyx.requests-per-second}: the account's rate, not a process's.
 *
 * @param account the budget's key: processes with the same key share one budget (one Telnyx account)
 * @param burst requests the account may make at once after an idle spell (Telnyx's bucket capacity; 1 = evenly
 *        spaced)
 * @param reservedForAlerts of the burst, the requests only alert traffic (POST/GET /messages) may use
 * @param bulkLookahead how far ahead of now bulk traffic (provisioning, reconciliation, SMS setup) may reserve a slot;
 *        alerts reserve without this limit, so an alert waits behind at most this much bulk traffic
 * @param maxPause the longest a 429 (its {@code x-ratelimit-reset} or {@code Retry-After}) may pause the account's
 *        traffic, alerts included: a longer reset is cut to this, and the shared budget is never further ahead of
 *        now than this (plus the burst); 1 s to 10 min
 */
@Validated
@ConfigurationProperties("numbering.telnyx.budget")
public record TelnyxBudgetProperties(@NotBlank String account, @Min(1) int burst, @Min(0) int reservedForAlerts,
        @NotNull Duration bulkLookahead,
        @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 10) Duration maxPause) {

    public TelnyxBudgetProperties {
        if (reservedForAlerts >= burst) {
            throw new IllegalArgumentException("numbering.telnyx.budget.reserved-for-alerts (" + reservedForAlerts
                    + ") must be below the burst (" + burst + ")");
        }
    }

}
