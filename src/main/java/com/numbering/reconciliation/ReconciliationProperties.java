package com.numbering.reconciliation;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param releaseEnabled whether numbers nobody owns (or whose tenant is deactivated) are released; off = report only
 * @param releaseQuarantine how long a number must have been reported without an owner before it may be released;
 *        at least a day (a bare {@code 7} would bind as 7 ms and is refused at start)
 * @param releaseCap releases at most this many numbers per run, however many are due
 * @param pageSize inventory page size ({@code page[size]}, Telnyx allows 250 at most)
 * @param repairBatchSize differences read from PostgreSQL at once while acting on them: memory stays bounded
 */
@Validated
@ConfigurationProperties("numbering.reconciliation")
record ReconciliationProperties(boolean releaseEnabled,
        @NotNull @DurationMin(days = 1, message = "must be at least one day, with its unit (7d): a bare number is read as "
                + "milliseconds") Duration releaseQuarantine,
        @Min(0) @Max(1000) int releaseCap, @Min(1) @Max(250) int pageSize, @Min(1) @Max(1000) int repairBatchSize) {
}
