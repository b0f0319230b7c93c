package com.numbering.telnyx;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.numbering.pacing.TelnyxBudgetProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** The limits that pace the whole account have bounds: a typo can neither stall the account nor flood it. */
class TelnyxLimitsValidationTests {

    private static final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @ParameterizedTest(name = "{0} requests/s: {1}")
    @CsvSource({ "0.0001, false", "0.4, false", "0.5, true", "10, true", "1000, true", "1001, false", "1e9, false" })
    void theAccountsRequestRateIsBetweenHalfAndAThousandPerSecond(double requestsPerSecond, boolean accepted) {
        TelnyxProperties properties = new TelnyxProperties("key", URI.create("https://api.telnyx.com/v2"), "conn",
                Duration.ofSeconds(5), Duration.ofSeconds(30), requestsPerSecond, 8, 3);

        Set<ConstraintViolation<TelnyxProperties>> violations = validator.validate(properties);

        assertThat(violations.isEmpty()).as(violations.toString()).isEqualTo(accepted);
    }

    @ParameterizedTest(name = "max-pause {0}: {1}")
    @CsvSource({ "PT0S, false", "PT0.5S, false", "PT1S, true", "PT60S, true", "PT10M, true", "PT1H, false" })
    void aPauseIsCutToBetweenOneSecondAndTenMinutes(Duration maxPause, boolean accepted) {
        TelnyxBudgetProperties properties = new TelnyxBudgetProperties("default", 1, 0, Duration.ofMillis(200),
                maxPause);

        Set<ConstraintViolation<TelnyxBudgetProperties>> violations = validator.validate(properties);

        assertThat(violations.isEmpty()).as(violations.toString()).isEqualTo(accepted);
    }

}
