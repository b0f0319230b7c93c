package com.numbering.provisioning;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import com.numbering.support.Backoff;

/**
 * @param batchSize tenants handled together: one chunk, one set of shared searches
 * @param maxAttempts failed attempts before a tenant is left {@code failed} for a human
 * @param retryBackoff wait after the first failed attempt; doubles with every further one
 * @param maxRetryBackoff ceiling of that wait
 * @param orderPollInterval first wait before looking at a pending order again; doubles up to the timeout
 * @param orderPollTimeout how long one run follows a pending order before leaving it {@code ordered} for the next
 * @param unknownOutcomeDelay wait before resolving a call whose outcome is unknown (timeout, 5xx on an order)
 */
@Validated
@ConfigurationProperties("numbering.provisioning")
record ProvisioningProperties(@Min(1) @Max(500) int batchSize, @Min(1) @Max(50) int maxAttempts,
        @NotNull Duration retryBackoff, @NotNull Duration maxRetryBackoff, @NotNull Duration orderPollInterval,
        @NotNull Duration orderPollTimeout, @NotNull Duration unknownOutcomeDelay) {

    Duration backoffAfter(int failedAttempts) {
        return Backoff.exponential(this.retryBackoff, this.maxRetryBackoff, failedAttempts);
    }

}
