package com.numbering.alerts;

import java.time.Duration;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertsPropertiesTests {

    private static final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    /** {@code NUMBERING_ALERTS_RUN_BUDGET=30} binds as 30 ms: refused at start, saying how to fix it. */
    @ParameterizedTest(name = "run budget {0}: {1}")
    @CsvSource({ "PT0.03S, false", "PT1S, true", "PT30S, true", "PT10M, true", "PT1H, true", "PT2H, false" })
    void theRunBudgetIsBetweenASecondAndAnHour(Duration runBudget, boolean accepted) {
        var violations = validator.validateValue(AlertsProperties.class, "runBudget", runBudget);

        assertThat(violations.isEmpty()).as(violations.toString()).isEqualTo(accepted);
        if (!accepted) {
            assertThat(violations.iterator().next().getMessage()).contains("NUMBERING_ALERTS_RUN_BUDGET");
        }
    }


    /** Any N sends in a row at N per second span at least (N − 1)/N seconds plus nearly the whole margin. */
    @ParameterizedTest(name = "{0}/s with a {1} ms margin")
    @CsvSource({ "1, 40", "50, 40", "75, 40", "75, 2", "0.1, 40" })
    void theMarginIsKeptOnceInEveryWindowOfNSendsNotOncePerSend(double rate, long marginMs) {
        AlertsProperties properties = properties(rate, Duration.ofMillis(marginMs), null);
        int n = (int) Math.ceil(rate);

        Duration window = properties.interval().multipliedBy(Math.max(n - 1, 1));

        double floor = Math.max(n - 1, 1) / rate;
        assertThat(window.toNanos() / 1e9).isGreaterThanOrEqualTo(floor + (marginMs / 1000.0) * (floor / 1.0) - 1e-6);
        // and the rate it costs is margin / (1 s + margin), whatever the rate
        assertThat(1e9 / properties.interval().toNanos() / rate).isCloseTo(1000.0 / (1000 + marginMs),
                org.assertj.core.data.Offset.offset(1e-6));
    }

    @ParameterizedTest(name = "{0}/s, {1} connections: {2} workers")
    @CsvSource({ "1, 8, 4", "0.1, 8, 4", "10, 8, 5", "50, 32, 15", "75, 32, 21", "75, 16, 16", "1000, 256, 64",
            "1, 2, 2" })
    void unsetWorkersAreEnoughForTheRateButNoMoreThanTheConnections(double rate, int connections, int workers) {
        assertThat(properties(rate, Duration.ofMillis(40), null).workersFor(connections)).isEqualTo(workers);
    }

    @Test
    void workersSetAreKept() {
        assertThat(properties(75, Duration.ofMillis(40), 3).workersFor(16)).isEqualTo(3);
    }

    private static AlertsProperties properties(double rate, Duration margin, Integer workers) {
        return new AlertsProperties("Acme", "Reply STOP to opt out.", rate, margin, 2000, 100, workers, 5,
                Duration.ofMinutes(1), Duration.ofHours(1), false, Duration.ofMinutes(2), Duration.ofMinutes(10), 300,
                Duration.ofMinutes(10));
    }

}
