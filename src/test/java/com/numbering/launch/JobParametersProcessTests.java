package com.numbering.launch;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.numbering.AppProcess;
import com.numbering.AppProcess.Finished;
import com.numbering.OutsideWorld;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mistyped job parameter never runs for real: the launch stops with exit 78 and a message naming the key and the
 * ones the job accepts, before any Telnyx request or any job execution. (Every form of mistake, per job:
 * {@code JobParameterRulesTests}.)
 */
class JobParametersProcessTests {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            reconcileInventoryJob    | dryrun=true  | unknown job parameter 'dryrun' | It accepts dryRun, reason;
            provisionVoiceNumbersJob | tenantId=    | 'tenantId' is blank | It accepts dryRun, reason, tenantId;
            """)
    void aMistypedParameterStopsTheLaunchWithTheConfigurationCodeAndDoesNothing(String job, String parameter,
            String complaint, String accepted) throws Exception {
        try (OutsideWorld world = OutsideWorld.start("params")) {
            // given work each job would do: a due tenant, a number nobody recorded, a due alert
            world.jdbc().update("INSERT INTO tenants (name, phone, state) VALUES ('Typo Co', '(415) 555-2671', 'CA')");
            world.simulator().control().addOwnedNumber("+14065557001", "some-other-connection", "by-hand-1",
                    List.of(), "active");

            // when
            Finished run = AppProcess.run(Map.of(),
                    world.args(job, parameter).toArray(String[]::new));

            // then
            assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(run.output()).contains(complaint).contains(accepted).contains("nothing was done");
            assertThat(world.simulator().ledger().requestCount()).as("Telnyx requests").isZero();
            assertThat(world.jdbc().queryForObject("SELECT count(*) FROM batch_job_execution", Integer.class))
                .as("job executions").isZero();
            assertThat(world.jdbc().queryForObject("SELECT count(*) FROM tenants WHERE telnyx_voice_status IS NOT NULL "
                    + "AND telnyx_voice_status <> 'available'", Integer.class)).as("tenants touched").isZero();
        }
    }

}
