package com.numbering.launch;

import java.time.Duration;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LaunchPropertiesTests {

    private static final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    /** {@code NUMBERING_LAUNCH_STOP_TIMEOUT=50} binds as 50 ms: refused at start, saying how to fix it. */
    @ParameterizedTest(name = "stop timeout {0}: {1}")
    @CsvSource({ "PT0.05S, false", "PT1S, true", "PT50S, true", "PT10M, true", "PT11M, false" })
    void theStopTimeoutIsBetweenASecondAndTenMinutes(Duration stopTimeout, boolean accepted) {
        var violations = validator.validate(new LaunchProperties(stopTimeout));

        assertThat(violations.isEmpty()).as(violations.toString()).isEqualTo(accepted);
        if (!accepted) {
            assertThat(violations.iterator().next().getMessage()).contains("NUMBERING_LAUNCH_STOP_TIMEOUT");
        }
    }

}
