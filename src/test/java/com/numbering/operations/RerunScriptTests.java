package com.numbering.operations;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/rerun} run as ops run it, offline (no cluster, no kubeconfig) with the pinned kubectl: the Job it
 * prints is the CronJob's own job template with the job parameters as the container's args, and input the job would
 * refuse is refused before anything is rendered.
 */
class RerunScriptTests {

    @Test
    @SuppressWarnings("unchecked")
    void provisionOneTenantIsTheCronJobsTemplateWithTheParametersAsArgs() throws Exception {
        // given
        Map<String, Object> cronJob = cronJob("numbering-provision-voice-numbers");
        // when
        Run run = rerun("provision", "--tenant", "42", "--reason", "ticket 1234");
        // then
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Map<String, Object> job = new Yaml().load(run.stdout());
        assertThat(job).containsEntry("apiVersion", "batch/v1").containsEntry("kind", "Job");
        Map<String, Object> metadata = (Map<String, Object>) job.get("metadata");
        assertThat((String) metadata.get("name")).matches("numbering-provision-voice-numbers-rerun-\\d{14}");
        assertThat(metadata).containsEntry("namespace", "numbering");
        assertThat((Map<String, Object>) metadata.get("labels"))
            .containsEntry("app.kubernetes.io/name", "numbering")
            .containsEntry("app.kubernetes.io/component", "provision-voice-numbers");
        Map<String, Object> container = container(job);
        assertThat(container.get("args")).isEqualTo(List.of("tenantId=42", "reason=ticket 1234"));
        assertThat(container).containsEntry("image", "registry.example.com/numbering:0.1.0");
        container.remove("args");
        assertThat(job.get("spec")).as("the job template, args apart")
            .isEqualTo(K8sManifestTests.at(cronJob, "spec", "jobTemplate", "spec"));
    }

    @Test
    void aDryRunOfReconciliationInAnotherNamespace() throws Exception {
        // when
        Run run = rerun("reconcile", "--dry-run", "--namespace", "ops");
        // then
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Map<String, Object> job = new Yaml().load(run.stdout());
        assertThat(K8sManifestTests.at(job, "metadata", "namespace")).isEqualTo("ops");
        assertThat(container(job).get("args")).isEqualTo(List.of("dryRun=true"));
        assertThat(container(job)).containsEntry("env", K8sManifestTests.at(cronJob("numbering-reconcile-inventory"), "spec",
                "jobTemplate", "spec", "template", "spec", "containers", "0", "env"));
    }

    @Test
    void withoutParametersItIsTheSchedulesRunNowWithNoArgs() throws Exception {
        for (String[] jobAndCronJob : new String[][] { { "dispatch", "numbering-dispatch-alerts" },
                { "sms-setup", "numbering-setup-shared-sms-number" } }) {
            // when
            Run run = rerun(jobAndCronJob[0]);
            // then
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            Map<String, Object> job = new Yaml().load(run.stdout());
            assertThat(container(job)).doesNotContainKey("args");
            assertThat(job.get("spec")).isEqualTo(K8sManifestTests.at(cronJob(jobAndCronJob[1]), "spec", "jobTemplate", "spec"));
        }
    }

    @Test
    void refusesWhatTheJobWouldRefuseWithUsageAndExit2() throws Exception {
        List<List<String>> refused = List.of(List.of(), List.of("provisioning"), List.of("provision", "--bogus"),
                List.of("provision", "--tenant"), List.of("provision", "--tenant", "42; rm -rf /"),
                List.of("provision", "--tenant", "-42"), List.of("sms-setup", "--tenant", "42"),
                List.of("dispatch", "--dry-run"), List.of("reconcile", "--reason", "ticket 12, urgent"),
                List.of("reconcile", "--reason", "say \"hi\""), List.of("reconcile", "--reason", "x".repeat(201)),
                List.of("dispatch", "--namespace", "Not_A_Namespace"), List.of("dispatch", "extra"));
        for (List<String> arguments : refused) {
            // when
            Run run = rerun(arguments.toArray(String[]::new));
            // then
            assertThat(run.exitCode()).as(arguments + ": " + run.stderr()).isEqualTo(2);
            assertThat(run.stdout()).as(arguments.toString()).isEmpty();
            assertThat(run.stderr()).as(arguments.toString()).contains("usage: deploy/rerun JOB");
        }
    }

    private static Map<String, Object> cronJob(String name) throws Exception {
        return K8sManifestTests.objects(K8sManifestTests.renderings().get("example"))
            .stream()
            .filter(object -> "CronJob".equals(object.get("kind")) && name.equals(K8sManifestTests.at(object, "metadata", "name")))
            .findFirst()
            .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> job) {
        return (Map<String, Object>) K8sManifestTests.at(job, "spec", "template", "spec", "containers", "0");
    }

    record Run(int exitCode, String stdout, String stderr) {
    }

    /** Offline: no kubeconfig, so a call to a cluster would fail the run. */
    private static Run rerun(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "deploy/rerun"));
        command.addAll(List.of(arguments));
        Path stderr = Files.createTempFile("rerun", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
            builder.environment().put("KUBECTL", new File(K8sManifestTests.kubectl()).getAbsolutePath());
            builder.environment().put("KUBECONFIG", "/nonexistent/kubeconfig");
            Process process = builder.start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("deploy/rerun finished").isTrue();
            return new Run(process.exitValue(), stdout, Files.readString(stderr));
        }
        finally {
            Files.delete(stderr);
        }
    }

}
