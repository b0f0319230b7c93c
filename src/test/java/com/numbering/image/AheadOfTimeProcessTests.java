package com.numbering.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.numbering.AppProcess;
import com.numbering.AppProcess.Finished;
import com.numbering.NumberingApplication;
import com.numbering.OutsideWorld;
import com.numbering.benchmark.FastStartBuild;
import com.numbering.benchmark.StartupBenchmark;
import com.numbering.launch.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image runs the bean definitions the build worked out ahead of time ({@code process-aot}, pom.xml), where every
 * other test refreshes the context from the configuration classes: the same jobs, configuration checks and training run
 * on those definitions, in a process started as the image starts it ({@code -Dspring.aot.enabled=true}).
 */
class AheadOfTimeProcessTests {

    private static final List<String> IMAGE = StartupBenchmark.IMAGE_OPTIONS;

    private static final String AOT_STARTED = "Starting AOT-processed NumberingApplication";

    @Test
    void theJobsRunEndToEndOnTheBuildsBeanDefinitions() throws Exception {
        try (OutsideWorld world = OutsideWorld.start("aot")) {
            // given a tenant without a number
            world.jdbc().update("INSERT INTO tenants (name, phone, state) VALUES ('Ahead', '+14155550123', 'CA')");

            // when the image's process sets up the shared number, then provisions
            Finished sms = run(world.args("setupSharedSmsNumberJob", "--numbering.sms.area-code=415",
                    "--numbering.sms.public-base-url=https://alerts.example.test",
                    "--numbering.sms.order-poll-interval=50ms"));
            Finished provisioning = run(world.args("provisionVoiceNumbersJob"));

            // then both completed on the ahead-of-time definitions, and the tenant has its number
            assertThat(sms.exitCode()).as(sms.output()).isZero();
            assertThat(sms.output()).contains(AOT_STARTED);
            assertThat(provisioning.exitCode()).as(provisioning.output()).isZero();
            assertThat(provisioning.output()).contains(AOT_STARTED);
            assertThat(world.jdbc().queryForObject("SELECT telnyx_voice_status FROM tenants WHERE name = 'Ahead'",
                    String.class)).isEqualTo("active");
        }
    }

    @Test
    void badConfigurationStillStopsAtStartWithItsExitCode() throws Exception {
        try (OutsideWorld world = OutsideWorld.start("aot")) {
            // given a pacing setting out of its range, checked when the properties are bound
            Finished run = run(world.args("dispatchAlertsJob", "--numbering.alerts.messages-per-second=0"));

            // then the ahead-of-time start validates as the other does
            assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(run.output()).contains(AOT_STARTED).contains("messages-per-second");
        }
    }

    @Test
    void theTrainingRunRefreshesWithoutADatabaseOnTheBuildsBeanDefinitions() throws Exception {
        // given the image build's training options, ahead of time as in the image
        List<String> options = new ArrayList<>(IMAGE);
        options.addAll(FastStartBuild.TRAINING_OPTIONS);
        options.add("-Dspring.context.exit=onRefresh");

        // when
        Finished run = AppProcess.start(NumberingApplication.class, Map.of(), options,
                List.of("--spring.batch.job.name=dispatchAlertsJob")).waitForExit();

        // then every bean that does not read the database was created, and no job ran
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("Training run: \\d{3} beans created, \\d need a database")
            .doesNotContain("dispatchAlertsJob COMPLETED");
    }

    private static Finished run(List<String> args) throws Exception {
        List<String> all = new ArrayList<>(args);
        // Spring Boot says which start it made ("Starting AOT-processed …") at INFO
        all.add("--logging.level.com.numbering.NumberingApplication=info");
        return AppProcess.start(NumberingApplication.class, Map.of(), IMAGE, all).waitForExit();
    }

}
