package com.numbering.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real process, as Kubernetes runs it: its exit code and what it prints.
 */
class ApplicationProcessTests {

    @Test
    void aMissingApiKeyStopsAtStartWithTheConfigurationExitCodeAndSaysWhatToSet() throws Exception {
        Run run = run(Map.of("TELNYX_API_KEY", ""), "--spring.batch.job.name=provisionVoiceNumbersJob",
                "--numbering.local.embedded-database=true");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.output()).contains("TELNYX_API_KEY");
    }

    @Test
    void anUnknownJobNameIsAConfigurationErrorThatListsTheJobs() throws Exception {
        Run run = run(Map.of(), "--spring.batch.job.name=noSuchJob", "--numbering.local.embedded-database=true",
                "--numbering.local.simulator=true");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.output()).contains("Unknown job 'noSuchJob'").contains("provisionVoiceNumbersJob");
    }

    @Test
    void refusesToBuyRealNumbersWhileWritingToTheThrowawayDatabase() throws Exception {
        Run run = run(Map.of("TELNYX_API_KEY", "KEY-that-must-not-be-printed"),
                "--spring.batch.job.name=provisionVoiceNumbersJob", "--numbering.local.embedded-database=true",
                "--numbering.telnyx.voice-connection-id=123");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.output()).contains("Refusing to run").contains("api.telnyx.com")
            .doesNotContain("KEY-that-must-not-be-printed");
    }

    @Test
    void demoModeRunsEveryJobEndToEndAndSaysLoudlyThatItIsSimulated() throws Exception {
        Run run = run(Map.of(), "--spring.profiles.active=demo");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("DEMO MODE")
            .contains("SIMULATOR")
            .contains("provisionVoiceNumbersJob COMPLETED")
            .contains("0 violation(s)");
    }

    private static Run run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("com.numbering.NumberingApplication");
        command.addAll(List.of(args));
        Path log = Files.createTempFile("numbering-process", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("TELNYX_API_KEY");
        builder.environment().remove("SPRING_BATCH_JOB_NAME");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the process did not end: " + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    record Run(int exitCode, String output) {
    }

}
