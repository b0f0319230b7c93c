package com.numbering.launch;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a launch behaves around its job ({@link GracefulStop}).
 *
 * @param stopTimeout how long a run asked to stop (SIGTERM) may take to end at its next chunk boundary before the JVM
 *        goes down anyway; keep it below the pod's {@code terminationGracePeriodSeconds}
 *        ({@code NUMBERING_LAUNCH_STOP_TIMEOUT}, 1 s to 10 min)
 */
@Validated
@ConfigurationProperties("numbering.launch")
record LaunchProperties(@DefaultValue("50s") @NotNull
        @DurationMin(seconds = 1, message = "must be at least 1s, with its unit (30s): a bare number is read as "
                + "milliseconds; set NUMBERING_LAUNCH_STOP_TIMEOUT below the pod's terminationGracePeriodSeconds")
        @DurationMax(minutes = 10, message = "must be at most 10m: set NUMBERING_LAUNCH_STOP_TIMEOUT below the pod's "
                + "terminationGracePeriodSeconds") Duration stopTimeout) {
}
