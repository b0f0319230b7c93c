package com.numbering.reconciliation;

import java.time.Duration;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReconciliationPropertiesTests {

    private static final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    /** {@code release-quarantine: 7} binds as 7 ms: refused at start, as anything under a day. */
    @ParameterizedTest(name = "quarantine {0}: {1}")
    @CsvSource({ "PT0.007S, false", "PT23H, false", "P1D, true", "P7D, true" })
    void theReleaseQuarantineIsAtLeastADay(Duration quarantine, boolean accepted) {
        var violations = validator.validate(new ReconciliationProperties(true, quarantine, 5, 250, 200));

        assertThat(violations.isEmpty()).as(violations.toString()).isEqualTo(accepted);
        if (!accepted) {
            assertThat(violations.iterator().next().getMessage()).contains("a bare number is read as milliseconds");
        }
    }

}
