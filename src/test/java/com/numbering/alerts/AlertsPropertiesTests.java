package com.numbering.alerts;

import java.time.Duration;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

}
