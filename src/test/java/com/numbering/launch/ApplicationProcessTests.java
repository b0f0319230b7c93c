package com.numbering.launch;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.AppProcess;
import com.numbering.AppProcess.Finished;
import com.numbering.TestDatabases;
import com.numbering.demo.DemoApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real process, as Kubernetes runs it: its exit code and what it prints.
 */
class ApplicationProcessTests {

    @Test
    void aMissingApiKeyStopsAtStartWithTheConfigurationExitCodeAndSaysWhatToSet() throws Exception {
        Finished run = run(Map.of("TELNYX_API_KEY", ""), "--spring.batch.job.name=provisionVoiceNumbersJob",
                "--numbering.local.embedded-database=true");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.output()).contains("TELNYX_API_KEY");
    }

    @Test
    void anUnknownJobNameIsAConfigurationErrorThatListsTheJobs() throws Exception {
        Finished run = run(Map.of(), "--spring.batch.job.name=noSuchJob", "--numbering.local.embedded-database=true",
                "--numbering.local.simulator=true");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.output()).contains("Unknown job 'noSuchJob'").contains("provisionVoiceNumbersJob");
    }

    @Test
    void theSharedSmsJobRefusesToStartWithAWebhookBaseUrlThatIsNotHttps() throws Exception {
        Finished run = run(Map.of(), "--spring.batch.job.name=setupSharedSmsNumberJob",
                "--numbering.local.embedded-database=true", "--numbering.local.simulator=true",
                "--numbering.sms.area-code=415", "--numbering.sms.public-base-url=http://api.example.com");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.output()).contains("numbering.sms.public-base-url must be an https URL");
    }

    @Test
    void refusesToBuyRealNumbersWhileWritingToTheThrowawayDatabase() throws Exception {
        Finished run = run(Map.of("TELNYX_API_KEY", "KEY-that-must-not-be-printed"),
                "--spring.batch.job.name=provisionVoiceNumbersJob", "--numbering.local.embedded-database=true",
                "--numbering.telnyx.voice-connection-id=123");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.output()).contains("Refusing to run").contains("api.telnyx.com")
            .doesNotContain("KEY-that-must-not-be-printed");
    }

    @Test
    void refusesToPointADatabaseThatHasHeldRealNumbersAtASimulator() throws Exception {
        String database = TestDatabases.fresh("guard");
        JdbcTemplate jdbc = TestDatabases.jdbc(database);
        TestDatabases.migrate(jdbc);
        jdbc.update("INSERT INTO numbering_environment (id, telnyx_kind, telnyx_host) VALUES (1, 'telnyx', "
                + "'api.telnyx.com')");

        Finished run = run(Map.of("TELNYX_API_KEY", "sim-key"), "--spring.batch.job.name=reconcileInventoryJob",
                "--spring.datasource.url=" + database, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--numbering.telnyx.base-url=http://127.0.0.1:9/v2",
                "--numbering.telnyx.voice-connection-id=sim-voice-connection");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.output()).contains("Refusing to run")
            .contains("has been used with telnyx@api.telnyx.com and is now pointed at simulator@127.0.0.1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reconciliation_findings", Integer.class)).isZero();
    }

    @Test
    void demoModeRunsEveryJobEndToEndAndSaysLoudlyThatItIsSimulated() throws Exception {
        try (FakePushgateway pushgateway = FakePushgateway.start()) {
            // README's first command (spring-boot:test-run) starts DemoApplication
            Finished run = AppProcess.start(DemoApplication.class, Map.of(),
                    List.of("--numbering.metrics.pushgateway.enabled=true",
                            "--numbering.metrics.pushgateway.address=" + pushgateway.address()))
                .waitForExit();

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("DEMO MODE")
                .contains("SIMULATOR")
                .contains("provisionVoiceNumbersJob COMPLETED")
                .contains("0 violation(s)");
            // no full phone number reaches the log, only masked ones
            assertThat(run.output()).containsPattern("\\+1\\d{3}•••••\\d{2}").doesNotContainPattern("\\+1\\d{10}");
            // the dashboards' figures were pushed when the process ended
            assertThat(pushgateway.pushes()).anySatisfy(push -> {
                assertThat(push.method()).isEqualTo("PUT");
                assertThat(push.path()).startsWith("/metrics/job/numbering");
                assertThat(push.body()).contains("spring_batch_job_seconds")
                    .contains("numbering_telnyx_requests_total")
                    .contains("numbering_provisioning_tenants_total")
                    .doesNotContain("sim-key");
            });
        }
    }

    private static Finished run(Map<String, String> environment, String... args) throws Exception {
        return AppProcess.run(environment, args);
    }

}
