package com.numbering.numbers;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What ordering numbers may cost (docs/operations.md "Guardrails"); every limit stops ordering, never widens it.
 *
 * @param refusalsPerBuyer refused orders (a number not to be had, any 4xx) one buyer may meet in one run before it
 *        waits its backoff with the reason: a refusal that repeats for one buyer is not worth another order now
 * @param refusalCircuit the same refusal (error code) this many times in a row, across buyers, stops ordering for the
 *        run: something account-wide is wrong, and every further order would be refused too
 * @param maxPerRun orders one run may place
 * @param maxPerDay orders every run of every process may place together in one UTC day
 * @param deployment a marker put before every customer reference this deployment gives ({@code prod} gives
 *        {@code prod/tenant-42-3}), so that two deployments on one Telnyx account tell their numbers apart; empty:
 *        none (today's references)
 */
@Validated
@ConfigurationProperties("numbering.orders")
public record OrderProperties(@Min(1) @Max(20) int refusalsPerBuyer, @Min(2) @Max(100) int refusalCircuit,
        @Min(1) @Max(100000) int maxPerRun, @Min(1) @Max(1000000) int maxPerDay,
        @NotNull @Pattern(regexp = "|" + CustomerReferences.MARKER) String deployment) {

}
