package com.numbering.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.numbering.AppProcess;
import com.numbering.AppProcess.Finished;
import com.numbering.OutsideWorld;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every job run as Kubernetes runs it (its own process) against Debian's real Pushgateway: what arrives is what a
 * dashboard and the alert rules in {@code k8s-cronjob.yaml} (deploy/components/monitoring, as the example overlay
 * renders it) read: every metric they query is pushed, with every label they group by or match on.
 */
class MetricsPushIntegrationTests {

    private static final List<String> JOBS = List.of("provisionVoiceNumbersJob", "setupSharedSmsNumberJob",
            "dispatchAlertsJob", "reconcileInventoryJob");

    private static final Pattern METRIC_NAME = Pattern.compile("\\b((?:numbering|spring_batch)_[a-z_]+)\\b");

    @Test
    void eachJobPushesItsOwnFiguresAndLastSuccessAndADryRunLeavesTheScheduledOnesAlone() throws Exception {
        try (RealPushgateway gateway = RealPushgateway.start(); OutsideWorld world = OutsideWorld.start("metrics")) {
            // given a tenant to provision
            world.jdbc().update("INSERT INTO tenants (name, phone, state) VALUES ('Metrics Co', '(415) 555-2671', 'CA')");

            // when every job runs once, on schedule
            for (String job : JOBS) {
                Finished run = AppProcess.run(Map.of(), args(world, gateway, job).toArray(String[]::new));
                assertThat(run.exitCode()).as(job + ": " + run.output()).isZero();
            }
            String scheduled = gateway.metrics();

            // then each job's group holds its last success and exit code, and only what that job owns
            for (String job : JOBS) {
                String group = "batch_job=\"" + job + "\"";
                assertThat(value(scheduled, "numbering_job_last_success_timestamp_seconds", group, "scheduled"))
                    .as(job + " last success").isGreaterThan(1.7e9);
                assertThat(value(scheduled, "numbering_job_last_exit_code", group, "scheduled")).as(job).isZero();
            }
            assertThat(seriesOf(scheduled, "numbering_sms_campaign_assigned")).as("only the SMS job's group says it")
                .allMatch(line -> line.contains("batch_job=\"setupSharedSmsNumberJob\""))
                .hasSize(1);
            assertThat(seriesOf(scheduled, "numbering_alerts_blocked"))
                .allMatch(line -> line.contains("batch_job=\"dispatchAlertsJob\""));
            assertThat(seriesOf(scheduled, "numbering_tenants")).isNotEmpty()
                .allMatch(line -> line.contains("batch_job=\"provisionVoiceNumbersJob\""));
            assertThat(scheduled).contains("# HELP numbering_telnyx_requests_total")
                .contains("# HELP numbering_job_last_success_timestamp_seconds")
                .doesNotContainPattern("\\+1\\d{10}")
                .doesNotContain("555-2671");

            // when a dry run of reconciliation follows
            String before = group(scheduled, "reconcileInventoryJob", "scheduled");
            Finished dryRun = AppProcess.run(Map.of(),
                    args(world, gateway, "reconcileInventoryJob", "dryRun=true").toArray(String[]::new));
            assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
            String after = gateway.metrics();

            // then it has a group of its own, and the scheduled figures are as they were
            assertThat(group(after, "reconcileInventoryJob", "dryrun")).contains("numbering_job_last_exit_code");
            assertThat(group(after, "reconcileInventoryJob", "scheduled")).isEqualTo(before);

            // and every metric a rule or a dashboard panel queries is among those pushed
            Set<String> pushed = new TreeSet<>();
            scheduled.lines().filter(line -> !line.startsWith("#") && line.contains("run_kind=\"scheduled\""))
                .forEach(line -> pushed.add(line.substring(0, line.indexOf('{'))));
            assertThat(pushed).containsAll(queriedMetrics());

            // and every label a rule or a panel groups by, joins on or matches is on the series it names
            Map<String, Set<String>> labels = labelsOf(scheduled);
            assertThat(missingLabels("sum by (result, tier) (numbering_provisioning_tenants_total{run_kind=\"x\"})",
                    labels)).as("the check itself finds a label the series lacks").containsExactly(
                            "numbering_provisioning_tenants_total has no label tier: sum by (result, tier) "
                                    + "(numbering_provisioning_tenants_total{run_kind=\"x\"})");
            assertThat(queriedExpressions()).hasSizeGreaterThan(30)
                .allSatisfy(expr -> assertThat(missingLabels(expr, labels)).as(expr).isEmpty());
        }
    }

    /** Label names of each metric pushed by scheduled runs, from the Pushgateway's exposition. */
    private static Map<String, Set<String>> labelsOf(String metrics) {
        Map<String, Set<String>> labels = new TreeMap<>();
        metrics.lines().filter(line -> !line.startsWith("#") && line.contains("run_kind=\"scheduled\"")).forEach(line -> {
            Set<String> names = labels.computeIfAbsent(line.substring(0, line.indexOf('{')), name -> new TreeSet<>());
            Matcher label = LABEL.matcher(line.substring(line.indexOf('{'), line.lastIndexOf('}')));
            while (label.find()) {
                names.add(label.group(1));
            }
        });
        return labels;
    }

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring)\\s*\\(([^)]*)\\)");

    private static final Pattern SELECTOR = Pattern.compile(METRIC_NAME.pattern() + "\\{([^}]*)\\}");

    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");

    /**
     * What an expression asks of labels the series do not have: {@code by}/{@code without} about the metrics it
     * aggregates (written before the parenthesised argument, as all of ours are), {@code on}/{@code ignoring} about
     * every metric of the expression, and each selector's matchers about its own metric.
     */
    static List<String> missingLabels(String expr, Map<String, Set<String>> pushed) {
        List<String> missing = new ArrayList<>();
        Matcher grouping = GROUPING.matcher(expr);
        while (grouping.find()) {
            String scope = expr;
            if (grouping.group(1).equals("by") || grouping.group(1).equals("without")) {
                int open = expr.indexOf('(', grouping.end());
                assertThat(open).as("by/without before its argument: " + expr).isGreaterThan(0);
                assertThat(expr.substring(grouping.end(), open)).as("by/without before its argument: " + expr).isBlank();
                scope = expr.substring(open, closing(expr, open));
            }
            for (String metric : metricsIn(scope)) {
                for (String label : grouping.group(2).split(",")) {
                    if (!label.isBlank() && !pushed.getOrDefault(metric, Set.of()).contains(label.strip())) {
                        missing.add(metric + " has no label " + label.strip() + ": " + expr);
                    }
                }
            }
        }
        Matcher selector = SELECTOR.matcher(expr);
        while (selector.find()) {
            Matcher matcher = MATCHER.matcher(selector.group(2).replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\""));
            while (matcher.find()) {
                if (!pushed.getOrDefault(selector.group(1), Set.of()).contains(matcher.group(1))) {
                    missing.add(selector.group(1) + " has no label " + matcher.group(1) + ": " + expr);
                }
            }
        }
        return missing;
    }

    private static int closing(String expr, int open) {
        int depth = 0;
        for (int i = open; i < expr.length(); i++) {
            depth += expr.charAt(i) == '(' ? 1 : expr.charAt(i) == ')' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        throw new AssertionError("unbalanced parentheses: " + expr);
    }

    private static Set<String> metricsIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher name = METRIC_NAME.matcher(text);
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }

    /** Every PromQL expression of the PrometheusRule and of the dashboard's panels. */
    @SuppressWarnings("unchecked")
    static List<String> queriedExpressions() throws Exception {
        List<String> exprs = new ArrayList<>();
        for (Map<String, Object> object : K8sManifestTests.manifestObjects()) {
            if ("PrometheusRule".equals(object.get("kind"))) {
                for (Map<String, Object> group : (List<Map<String, Object>>) ((Map<String, Object>) object.get("spec"))
                    .get("groups")) {
                    ((List<Map<String, Object>>) group.get("rules")).forEach(rule -> exprs.add((String) rule.get("expr")));
                }
            }
            if (object.get("data") instanceof Map<?, ?> data && data.get("numbering.json") instanceof String json) {
                Map<String, Object> dashboard = new org.yaml.snakeyaml.Yaml().load(json);
                for (Map<String, Object> panel : (List<Map<String, Object>>) dashboard.get("panels")) {
                    ((List<Map<String, Object>>) panel.getOrDefault("targets", List.of()))
                        .forEach(target -> exprs.add((String) target.get("expr")));
                }
            }
        }
        return exprs;
    }

    @Test
    @Tag("slow") // four JVMs: SetupSharedSmsNumberJobTests checks the same in one context on every build
    void theSmsSetupPushesOnlyTheCampaignStateItSawAndNoneWhenItFailedBeforeLooking() throws Exception {
        try (RealPushgateway gateway = RealPushgateway.start();
                OutsideWorld world = OutsideWorld.start("metrics_campaign")) {
            String job = "setupSharedSmsNumberJob";
            // given a first run whose order answer is lost: the number is not ready, the campaign never looked at
            world.simulator().control().dropAfterProcessing("POST", "/number_orders", 1);
            Finished notReady = AppProcess.run(Map.of(), args(world, gateway, job).toArray(String[]::new));
            assertThat(notReady.exitCode()).as(notReady.output()).isNotZero();
            assertThat(campaignSeries(gateway)).as("pushed, without a campaign state").isEmpty();

            // when the next run sees the campaign assigned, then one that sees it pending
            Finished assigned = AppProcess.run(Map.of(), args(world, gateway, job).toArray(String[]::new));
            assertThat(assigned.exitCode()).as(assigned.output()).isZero();
            assertThat(campaignSeries(gateway)).singleElement().asString().endsWith(" 1");
            String number = world.jdbc().queryForObject("SELECT telnyx_sms_number FROM system_config", String.class);
            world.simulator().control().setCampaignStatus(number, "PENDING_ASSIGNMENT");
            Finished pending = AppProcess.run(Map.of(), args(world, gateway, job).toArray(String[]::new));
            assertThat(pending.exitCode()).as(pending.output()).isZero();
            assertThat(campaignSeries(gateway)).singleElement().asString().endsWith(" 0");

            // and a run that fails before it looks (the messaging profile cannot be read) replaces the group
            world.simulator().control().failNext("GET", "/messaging_profiles/.*", 500, "10007", 20);
            Finished failed = AppProcess.run(Map.of(), args(world, gateway, job).toArray(String[]::new));
            assertThat(failed.exitCode()).as(failed.output()).isNotZero();
            String metrics = gateway.metrics();
            assertThat(value(metrics, "numbering_job_last_exit_code", "batch_job=\"" + job + "\"", "scheduled"))
                .as("the failed run pushed its group").isEqualTo(failed.exitCode());

            // then the group says nothing about the campaign rather than a state this run never saw
            assertThat(seriesOf(metrics, "numbering_sms_campaign_assigned")).isEmpty();
        }
    }

    private static List<String> campaignSeries(RealPushgateway gateway) throws Exception {
        return seriesOf(gateway.metrics(), "numbering_sms_campaign_assigned");
    }

    private static List<String> args(OutsideWorld world, RealPushgateway gateway, String job, String... parameters) {
        List<String> args = new ArrayList<>(world.args(job, "--numbering.metrics.pushgateway.enabled=true",
                "--numbering.metrics.pushgateway.address=" + gateway.address(),
                "--numbering.provisioning.order-poll-interval=50ms", "--numbering.sms.area-code=415",
                "--numbering.sms.public-base-url=https://alerts.test.example",
                "--numbering.sms.order-poll-interval=50ms"));
        args.addAll(List.of(parameters));
        return args;
    }

    /** The metric names in the PrometheusRule's expressions and the dashboard's panel queries. */
    static Set<String> queriedMetrics() throws Exception {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> object : K8sManifestTests.manifestObjects()) {
            if ("PrometheusRule".equals(object.get("kind"))) {
                text.append(new org.yaml.snakeyaml.Yaml().dump(object.get("spec")).lines()
                    .filter(line -> !line.contains("summary:") && !line.contains("description:"))
                    .reduce("", (a, b) -> a + "\n" + b));
            }
            if (object.get("data") instanceof Map<?, ?> data && data.containsKey("numbering.json")) {
                String json = (String) data.get("numbering.json");
                Matcher exprs = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
                while (exprs.find()) {
                    text.append('\n').append(exprs.group(1));
                }
            }
        }
        Set<String> names = new TreeSet<>();
        Matcher names0 = METRIC_NAME.matcher(text);
        while (names0.find()) {
            names.add(names0.group(1));
        }
        assertThat(names).as("rules and dashboard query something").hasSizeGreaterThan(10);
        return names;
    }

    private static List<String> seriesOf(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + "{")).toList();
    }

    private static double value(String metrics, String name, String group, String runKind) {
        return seriesOf(metrics, name).stream()
            .filter(line -> line.contains(group) && line.contains("run_kind=\"" + runKind + "\""))
            .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .findFirst()
            .orElseThrow(() -> new AssertionError(name + " " + group + " " + runKind + " not pushed:\n" + metrics));
    }

    private static String group(String metrics, String job, String runKind) {
        return String.join("\n", metrics.lines()
            .filter(line -> line.contains("batch_job=\"" + job + "\"") && line.contains("run_kind=\"" + runKind + "\""))
            .toList());
    }

}
