package com.numbering.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.AppProcess;
import com.numbering.TestDatabases;
import com.numbering.telnyx.sandbox.LedgerRequest;
import com.numbering.telnyx.sandbox.SimulatorLedger;
import com.numbering.telnyx.sandbox.SimulatorSettings;
import com.numbering.telnyx.sandbox.TelnyxSimulator;

/**
 * Benchmark (not a test): the jobs as Kubernetes runs them, each its own JVM, all at once against one Telnyx account
 * limited to {@code budget} requests/second (429 above it, burst 10), every process configured with the account budget
 * ops would set, {@code configuredShare} of the limit (0.95 unless given: just under it, as docs/operations.md
 * advises), shared through PostgreSQL. Runs provisioning twice (the CronJob's run and an ops rerun), reconciliation,
 * the SMS setup, and dispatch as its CronJob would (a new process every {@code dispatchEverySeconds}, each run
 * draining what is due), while alerts fall due at one per second, each expiring 60 s after it is due. Prints the
 * aggregate rate against the limit, 429s, each job's share of the requests and progress, and alerts sent late.
 * <pre>
 * ./mvnw -q -Pbenchmark verify -Dbenchmark=AccountBudgetBenchmark -Dbudget=20 -Dtenants=300 -Dnumbers=100000
 * </pre>
 */
public final class AccountBudgetBenchmark {

    private static final Duration ALERT_LIFETIME = Duration.ofSeconds(60);

    private AccountBudgetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double limit = Double.parseDouble(System.getProperty("budget", "20"));
        // What ops configure: just under the account's limit (docs/operations.md), so that Telnyx's bucket refills the
        // tokens a request sent late (a stalled process) takes; at the limit itself, nothing ever gives them back.
        double configured = limit * Double.parseDouble(System.getProperty("configuredShare", "0.95"));
        int tenants = Integer.getInteger("tenants", 300);
        int numbers = Integer.getInteger("numbers", 100_000);
        long latencyMs = Long.getLong("latencyMs", 100);
        int dispatchEvery = Integer.getInteger("dispatchEverySeconds", 15);
        SimulatorSettings settings = SimulatorSettings.defaults()
            .withLatency(Duration.ofMillis(latencyMs))
            .withRequestsPerSecond(limit)
            .withBurst(10)
            .withDefaultInventoryPerAreaCode(200);
        try (TelnyxSimulator simulator = TelnyxSimulator.start(settings)) {
            simulator.control().settleOrdersAfter(Duration.ofMillis(500));
            String url = TestDatabases.fresh("account_budget");
            JdbcTemplate jdbc = TestDatabases.jdbc(url);
            TestDatabases.migrate(jdbc);
            List<String> common = List.of("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                    "--spring.datasource.password=", "--numbering.telnyx.base-url=" + simulator.baseUrl(),
                    "--numbering.telnyx.api-key=" + settings.apiKey(),
                    "--numbering.telnyx.voice-connection-id=" + SimulatorSettings.DEFAULT_CONNECTION_ID,
                    "--numbering.telnyx.requests-per-second=" + configured, "--numbering.telnyx.max-concurrent-requests=16",
                    "--numbering.guard.allow-mixed-environment=true", "--numbering.sms.area-code=415",
                    "--numbering.sms.public-base-url=https://alerts.example.test", "--numbering.alerts.workers=4",
                    "--numbering.alerts.messages-per-second=5", "--numbering.provisioning.batch-size=50",
                    // a benchmark buys thousands of numbers: far above the production ceilings (docs/operations.md
                    // "Guardrails")
                    "--numbering.orders.max-per-run=100000", "--numbering.orders.max-per-day=1000000",
                    "--logging.level.com.numbering=WARN");
            AppProcess.Finished setup = start(with(common, "setupSharedSmsNumberJob")).waitForExit();
            if (setup.exitCode() != 0) {
                throw new IllegalStateException("setup failed: " + setup.output());
            }
            seedInventory(simulator, numbers);
            ProvisioningBenchmark.seed(jdbc, tenants, List.of("TX", "FL", "NY", "PA", "IL"));
            int before = simulator.ledger().requests().size();
            int rejectedBefore = simulator.ledger().count429();
            Instant start = Instant.now();
            Map<String, AppProcess> bulk = new LinkedHashMap<>();
            bulk.put("provisioning #1", start(with(common, "provisionVoiceNumbersJob")));
            bulk.put("provisioning #2", start(with(common, "provisionVoiceNumbersJob")));
            bulk.put("reconciliation", start(with(common, "reconcileInventoryJob")));
            bulk.put("sms setup", start(with(common, "setupSharedSmsNumberJob")));
            List<AppProcess> dispatches = new ArrayList<>();
            int alertsEnqueued = 0;
            long nextDispatch = 0;
            Map<String, Double> finishedAt = new TreeMap<>();
            Map<String, Integer> exitCodes = new TreeMap<>();
            for (int second = 0; finishedAt.size() < bulk.size(); second++) {
                alertsEnqueued += enqueueAlert(jdbc, second);
                if (second >= nextDispatch) {
                    dispatches.removeIf(p -> !p.isAlive());
                    dispatches.add(start(with(common, "dispatchAlertsJob")));
                    nextDispatch = second + dispatchEvery;
                }
                TimeUnit.SECONDS.sleep(1);
                for (Map.Entry<String, AppProcess> job : bulk.entrySet()) {
                    if (!finishedAt.containsKey(job.getKey()) && !job.getValue().isAlive()) {
                        finishedAt.put(job.getKey(), Duration.between(start, Instant.now()).toMillis() / 1e3);
                        exitCodes.put(job.getKey(), job.getValue().waitForExit().exitCode());
                    }
                }
                if (second % 10 == 0) {
                    progress(jdbc, second, simulator, before);
                }
            }
            double bulkSeconds = Duration.between(start, Instant.now()).toMillis() / 1e3;
            for (AppProcess dispatch : dispatches) {
                dispatch.waitForExit();
            }
            // The last alerts: one more dispatch run, as the next minute's CronJob would.
            start(with(common, "dispatchAlertsJob")).waitForExit();
            List<LedgerRequest> requests = simulator.ledger().requests().stream().skip(before).toList();
            report(limit, configured, latencyMs, requests, simulator.ledger().count429() - rejectedBefore, start, bulkSeconds,
                    finishedAt, exitCodes, jdbc, tenants, alertsEnqueued);
        }
        System.exit(0);
    }

    /** Each job its own JVM; C1 only and the serial collector, so that six JVMs starting on a small machine leave it
     * some CPU (the budget, not the JIT, is what is measured). */
    private static AppProcess start(List<String> args) throws java.io.IOException {
        return AppProcess.start(com.numbering.NumberingApplication.class, Map.of(),
                List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), args);
    }

    private static List<String> with(List<String> common, String job) {
        List<String> args = new ArrayList<>(common);
        args.add("--spring.batch.job.name=" + job);
        return args;
    }

    private static int enqueueAlert(JdbcTemplate jdbc, int second) {
        String phone = String.format("+1415%03d%04d", 300 + second / 10000, second % 10000);
        jdbc.update("INSERT INTO sms_consents (phone, opted_in_at, opt_in_method) VALUES (?, now(), 'benchmark')", phone);
        jdbc.update("""
                INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key, not_before, expires_at)
                VALUES ((SELECT min(id) FROM tenants), ?, 'appointment_reminder', ?, ?, now(),
                        now() + make_interval(secs => ?))""", phone, "Your appointment #" + second + " is soon.",
                "account-bench-" + second, ALERT_LIFETIME.toSeconds());
        return 1;
    }

    private static void progress(JdbcTemplate jdbc, int second, TelnyxSimulator simulator, int before) {
        List<LedgerRequest> requests = simulator.ledger().requests();
        Instant from = Instant.now().minusSeconds(10);
        long recent = requests.stream().skip(before).filter(r -> r.receivedAt().isAfter(from)).count();
        System.out.printf(Locale.ROOT, "  t=%3ds  last 10 s %.1f req/s; tenants active %d; alerts sent %d, queued %d%n",
                second, recent / 10.0,
                jdbc.queryForObject("SELECT count(*) FROM tenants WHERE telnyx_voice_status = 'active'", Long.class),
                jdbc.queryForObject("SELECT count(*) FROM client_alerts WHERE status = 'sent'", Long.class),
                jdbc.queryForObject("SELECT count(*) FROM client_alerts WHERE status IN ('queued', 'claimed')",
                        Long.class));
    }

    private static void report(double limit, double configured, long latencyMs, List<LedgerRequest> requests, int rejected,
            Instant start, double bulkSeconds, Map<String, Double> finishedAt, Map<String, Integer> exitCodes,
            JdbcTemplate jdbc, int tenants, int alerts) {
        Instant demandEnds = start.plusMillis((long) (bulkSeconds * 1000));
        long duringDemand = requests.stream().filter(r -> r.receivedAt().isBefore(demandEnds)).count();
        Instant first = requests.get(0).receivedAt();
        double demandSeconds = Duration.between(first, demandEnds).toMillis() / 1e3;
        System.out.printf(Locale.ROOT, "account budget benchmark: limit %.0f req/s (burst 10, 429 above), %d ms latency,"
                + " every process configured with the account budget NUMBERING_TELNYX_REQUESTS_PER_SECOND=%s%n", limit,
                latencyMs, configured);
        System.out.printf(Locale.ROOT, "  aggregate rate     %.2f req/s = %.1f%% of the limit from the first request to"
                + " the last bulk job's end, %.1f s (%d requests)%n", duringDemand / demandSeconds,
                100 * duringDemand / demandSeconds / limit, demandSeconds, duringDemand);
        // While provisioning and reconciliation both call Telnyx, demand exceeds the limit: the budget's own figure.
        Instant bothFrom = latest(firstOf(requests, "provisioning"), firstOf(requests, "reconciliation"));
        Instant bothTo = earliest(lastOf(requests, "provisioning"), lastOf(requests, "reconciliation"));
        long together = requests.stream()
            .filter(r -> !r.receivedAt().isBefore(bothFrom) && !r.receivedAt().isAfter(bothTo)).count();
        double togetherSeconds = Math.max(0.001, Duration.between(bothFrom, bothTo).toMillis() / 1e3);
        if (!bothTo.isAfter(bothFrom)) {
            System.out.println("  aggregate rate     provisioning and reconciliation never called Telnyx at the same"
                    + " time (raise -Dnumbers)");
        }
        else {
            System.out.printf(Locale.ROOT, "  aggregate rate     %.2f req/s = %.1f%% of the limit while provisioning and"
                    + " reconciliation both called Telnyx, %.1f s (%d requests, every job's)%n", together / togetherSeconds,
                    100 * together / togetherSeconds / limit, togetherSeconds, together);
        }
        List<Instant> arrivals = requests.stream().map(LedgerRequest::receivedAt).sorted().toList();
        System.out.printf(Locale.ROOT, "  busiest second     %d requests%n", SimulatorLedger.busiestSecond(arrivals));
        System.out.printf(Locale.ROOT, "  429s received      %d%n", rejected);
        Map<String, Long> byJob = new TreeMap<>();
        requests.forEach(r -> byJob.merge(job(r), 1L, Long::sum));
        byJob.forEach((job, calls) -> System.out.printf(Locale.ROOT, "  share %-14s %5.1f%% (%d requests)%n", job,
                100.0 * calls / requests.size(), calls));
        finishedAt.forEach((job, at) -> System.out.printf(Locale.ROOT, "  %-18s exit %d after %.1f s%n", job,
                exitCodes.get(job), at));
        System.out.printf(Locale.ROOT, "  tenants            %d of %d active%n",
                jdbc.queryForObject("SELECT count(*) FROM tenants WHERE telnyx_voice_status = 'active'", Long.class),
                tenants);
        jdbc.query("""
                SELECT count(*) FILTER (WHERE status = 'sent'), count(*) FILTER (WHERE status = 'expired'),
                       count(*) FILTER (WHERE status = 'sent' AND sent_at > expires_at),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - not_before)),
                       max(extract(epoch FROM sent_at - not_before))
                FROM client_alerts""", rs -> {
            System.out.printf(Locale.ROOT, "  alerts             %d due, %d sent, %d expired unsent, %d sent late;"
                    + " due -> sent p50 %.1f s, max %.1f s (dispatch runs every %s s)%n", alerts, rs.getLong(1),
                    rs.getLong(2), rs.getLong(3), rs.getDouble(4), rs.getDouble(5),
                    System.getProperty("dispatchEverySeconds", "15"));
        });
    }

    private static Instant firstOf(List<LedgerRequest> requests, String job) {
        return requests.stream().filter(r -> job(r).equals(job)).map(LedgerRequest::receivedAt)
            .min(Instant::compareTo).orElseThrow();
    }

    private static Instant lastOf(List<LedgerRequest> requests, String job) {
        return requests.stream().filter(r -> job(r).equals(job)).map(LedgerRequest::receivedAt)
            .max(Instant::compareTo).orElseThrow();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String job(LedgerRequest r) {
        if (r.path().startsWith("/messages")) {
            return "dispatch";
        }
        if (r.path().equals("/phone_numbers") && r.query().containsKey("page[number]")) {
            return "reconciliation";
        }
        if (r.path().startsWith("/messaging_profiles") || r.path().startsWith("/10dlc")
                || r.path().endsWith("/messaging")) {
            return "sms setup";
        }
        return "provisioning";
    }

    private static void seedInventory(TelnyxSimulator simulator, int count) {
        for (int i = 0; i < count; i++) {
            simulator.control().addOwnedNumber(String.format("+1%s%07d", "213", 2_000_000 + i),
                    SimulatorSettings.DEFAULT_CONNECTION_ID, null, List.of(), "active");
        }
    }

}
