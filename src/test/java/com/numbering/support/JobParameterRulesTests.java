package com.numbering.support;

import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.converter.DefaultJobParametersConverter;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;

import com.numbering.support.JobParameterRules.Form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JobParameterRulesTests {

    private final JobParameterRules provisioning = JobParameterRules.of("provisionVoiceNumbersJob", "tenantId",
            Form.ID, "dryRun", Form.BOOLEAN);

    private final JobParameterRules reconciliation = JobParameterRules.of("reconcileInventoryJob", "dryRun",
            Form.BOOLEAN);

    private final JobParameterRules dispatch = JobParameterRules.none("dispatchAlertsJob");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            reconcile | dryrun=true              | unknown job parameter 'dryrun'
            reconcile | DryRun=true              | unknown job parameter 'DryRun'
            reconcile | dryRun=yes               | 'dryRun' must be true or false, not 'yes'
            reconcile | dryRun=ture              | 'dryRun' must be true or false, not 'ture'
            reconcile | "dryRun= "               | 'dryRun' is blank
            provision | tenantid=42              | unknown job parameter 'tenantid'
            provision | tenantId=                | 'tenantId' is blank
            provision | tenantId=42 43           | 'tenantId' must be an id
            provision | dryrun=true              | unknown job parameter 'dryrun'
            provision | dryRun=maybe             | 'dryRun' must be true or false, not 'maybe'
            dispatch  | dryRun=true              | unknown job parameter 'dryRun'
            """)
    void refusesUnknownKeysBlankAndMalformedValuesNamingTheKeyAndTheAcceptedOnes(String job, String argument,
            String complaint) {
        // given
        JobParameterRules rules = rules(job);

        // when
        InvalidJobParametersException refused = catchThrowableOfType(InvalidJobParametersException.class,
                () -> rules.validate(parameters(argument)));

        // then
        assertThat(refused).as(argument).isNotNull();
        assertThat(refused.getMessage()).contains(complaint)
            .contains(job.equals("dispatch") ? "It accepts reason;" : "It accepts ")
            .endsWith("nothing was done.");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            reconcile | dryRun=true
            reconcile | dryRun=FALSE
            provision | tenantId=42
            provision | tenantId=7d444840-9dc0-11d1-b245-5ffdce74fad2
            provision | tenantId=acme_co-2
            dispatch  | reason=manual rerun after the outage
            provision | reason=manual
            """)
    void acceptsWhatEachJobDocuments(String job, String argument) {
        assertThatNoException().isThrownBy(() -> rules(job).validate(parameters(argument)));
    }

    @Test
    void theLaunchsOwnRunKeyIsAlwaysAcceptedAndNoParameterAtAllIsAScheduledRun() {
        assertThatNoException().isThrownBy(() -> this.dispatch.validate(new JobParameters()));
        assertThatNoException().isThrownBy(
                () -> this.dispatch.validate(parameters(JobParameterRules.RUN_AT + "=2026-12-06T03:00:00Z")));
    }

    @Test
    void aLongMalformedValueIsEchoedShortened() {
        InvalidJobParametersException refused = catchThrowableOfType(InvalidJobParametersException.class,
                () -> this.reconciliation.validate(parameters("dryRun=" + "x".repeat(500))));

        assertThat(refused.getMessage()).contains("x".repeat(40) + "…").doesNotContain("x".repeat(41));
    }

    private JobParameterRules rules(String job) {
        return switch (job) {
            case "provision" -> this.provisioning;
            case "reconcile" -> this.reconciliation;
            default -> this.dispatch;
        };
    }

    /** As the launch reads {@code name=value} arguments (JobLaunchRunner). */
    private static JobParameters parameters(String argument) {
        Properties properties = new Properties();
        int eq = argument.indexOf('=');
        properties.setProperty(argument.substring(0, eq), argument.substring(eq + 1));
        return new DefaultJobParametersConverter().getJobParameters(properties);
    }

}
