package com.numbering.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.numbering.benchmark.FastStartBuild;
import com.numbering.benchmark.StartupBenchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code k8s-cronjob.yaml} checked offline with the real tools: every object against the Kubernetes schemas and the
 * settings ops rely on ({@code src/test/k8s/validate.mjs}, npm {@code kubernetes-models}), and the alert rules with
 * {@code promtool check rules} and {@code promtool test rules}. The tools come from {@code src/test/tools/test-tools.sh},
 * which {@code ./mvnw verify} runs before the tests;
 * without them these tests fail, never skip.
 */
class K8sManifestTests {

    static final Path MANIFEST = Path.of("k8s-cronjob.yaml");

    static final Path RULE_TESTS = Path.of("src/test/resources/prometheus/numbering-rules.test.yml");

    private static final String INSTALL = "run src/test/tools/test-tools.sh (./mvnw verify runs it before the tests)";

    @Test
    void everyObjectMatchesTheKubernetesSchemasAndHasTheSettingsOpsRelyOn() throws Exception {
        // given
        assertThat(Path.of("src/test/k8s/node_modules/kubernetes-models")).as("kubernetes-models missing: " + INSTALL)
            .isDirectory();
        // when
        Result result = run("node", "src/test/k8s/validate.mjs", MANIFEST.toString());
        // then
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("7 objects valid");
    }

    @Test
    void alertRulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
        // given
        Path dir = Files.createDirectories(Path.of("target/prometheus"));
        Path rules = dir.resolve("numbering-rules.yml");
        Files.writeString(rules, new Yaml().dump(prometheusRuleSpec()), StandardCharsets.UTF_8);
        Path tests = Files.copy(RULE_TESTS, dir.resolve(RULE_TESTS.getFileName()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // when
        Result check = run("promtool", "check", "rules", rules.toString());
        Result unitTests = run("promtool", "test", "rules", tests.toString());
        // then
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 14 rules found");
        assertThat(unitTests.exitCode()).as(unitTests.output()).isZero();
        assertThat(unitTests.output()).contains("SUCCESS");
    }

    /**
     * StartupBenchmark's highest peak RSS (VmHWM) of any job with the fast-start variant, in MiB (README "Schedules,
     * deadlines, memory"). Measure again when the jobs or the JVM options change.
     */
    static final int MEASURED_PEAK_RSS_MIB = 160;

    @Test
    @SuppressWarnings("unchecked")
    void everyPodRunsTheBenchmarkedJvmWithMemoryAboveTheMeasuredPeak() throws Exception {
        // given
        Map<String, Object> config = manifestObjects().stream()
            .filter(object -> "ConfigMap".equals(object.get("kind")))
            .map(object -> (Map<String, Object>) object.get("data"))
            .filter(data -> data.containsKey("JAVA_TOOL_OPTIONS"))
            .findFirst()
            .orElseThrow();
        List<Map<String, Object>> cronJobs = manifestObjects().stream()
            .filter(object -> "CronJob".equals(object.get("kind")))
            .toList();
        int benchmarkedLimit = Integer.parseInt(StartupBenchmark.POD_MEMORY_LIMIT.replaceAll("\\D", ""));
        // then the pods run the JVM options the benchmark measured
        assertThat((String) config.get("JAVA_TOOL_OPTIONS")).startsWith(String.join(" ", StartupBenchmark.POD_OPTIONS));
        // and every pod requests the measured peak with a margin, under the limit the benchmark emulated
        assertThat(cronJobs).hasSize(4).allSatisfy(cronJob -> {
            Map<String, Object> resources = (Map<String, Object>) at(cronJob, "spec", "jobTemplate", "spec", "template",
                    "spec", "containers", "0", "resources");
            int request = mebibytes(at(resources, "requests", "memory"));
            int limit = mebibytes(at(resources, "limits", "memory"));
            assertThat(request).as("memory request").isGreaterThanOrEqualTo(MEASURED_PEAK_RSS_MIB * 11 / 10);
            assertThat(limit).as("memory limit").isEqualTo(benchmarkedLimit)
                .isGreaterThanOrEqualTo(MEASURED_PEAK_RSS_MIB * 3 / 2);
        });
    }

    @Test
    void theImageIsTrainedWithThePodsJvmOptionsAndNoDatabase() throws Exception {
        // given
        String pom = Files.readString(Path.of("pom.xml"));
        // then the training run that records the CDS archive uses the options the pods run with
        assertThat(pom).contains("<BP_JVM_CDS_ENABLED>true</BP_JVM_CDS_ENABLED>")
            .contains("<TRAINING_RUN_JAVA_TOOL_OPTIONS>" + String.join(" ", StartupBenchmark.POD_OPTIONS) + " "
                    + String.join(" ", FastStartBuild.TRAINING_OPTIONS) + "</TRAINING_RUN_JAVA_TOOL_OPTIONS>");
    }

    @SuppressWarnings("unchecked")
    private static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = (current instanceof List<?> list) ? list.get(Integer.parseInt(key))
                    : ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    private static int mebibytes(Object quantity) {
        String text = String.valueOf(quantity);
        assertThat(text).as("memory in Mi").endsWith("Mi");
        return Integer.parseInt(text.substring(0, text.length() - 2));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> prometheusRuleSpec() throws IOException {
        return manifestObjects().stream()
            .filter(object -> "PrometheusRule".equals(object.get("kind")))
            .map(object -> (Map<String, Object>) object.get("spec"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no PrometheusRule in " + MANIFEST));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> manifestObjects() throws IOException {
        Iterable<Object> documents = new Yaml().loadAll(Files.readString(MANIFEST));
        return StreamSupport.stream(documents.spliterator(), false)
            .filter(Map.class::isInstance)
            .map(document -> (Map<String, Object>) document)
            .toList();
    }

    record Result(int exitCode, String output) {
    }

    static Result run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (IOException ex) {
            return fail(command[0] + " is not installed: " + INSTALL, ex);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return fail(String.join(" ", command) + " did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }

}
