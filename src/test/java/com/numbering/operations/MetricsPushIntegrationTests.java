package com.numbering.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * dashboard and the alert rules in {@code k8s-cronjob.yaml} read.
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
        }
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
