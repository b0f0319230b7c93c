package com.numbering.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.AppProcess;
import com.numbering.NumberingApplication;
import com.numbering.launch.JobLaunchService;
import com.numbering.local.EmbeddedDatabase;
import com.numbering.telnyx.sandbox.LedgerMessage;
import com.numbering.telnyx.sandbox.SimulatorSettings;
import com.numbering.telnyx.sandbox.TelnyxSimulator;

/**
 * Benchmark (not a test): dispatchAlertsJob for N due alerts at a configured rate against the simulator, with the
 * default workers and pacing margin. Prints the achieved rate as a share of the configured one, duplicates, the
 * shortest window of N (the rate) consecutive arrivals at the simulator against the (N − 1)/N seconds it must last,
 * and p50/p99 lag from due time to send.
 * <p>
 * {@code -Ddispatchers=2} runs that many dispatchers at once, each a process of its own ({@link DispatcherProcess}:
 * its own JVM with a dispatch pod's options and memory limit, its own workers, connection pools and pacing) on the same database and the same number, and measures their
 * merged arrivals. They are started through each process's {@code JobOperator}: the launcher's per-job lock would keep
 * all but one idle, and the point is the shared window when several do send (a process that lost its lock, a second
 * deployment on the same database). This process then only holds the simulator and the database.
 * <pre>
 * ./mvnw -q -Pbenchmark verify -Dbenchmark=AlertsBenchmark -Dalerts=3000 -Drate=50 -DlatencyMs=100 -Ddispatchers=1
 * </pre>
 */
public final class AlertsBenchmark {

    private AlertsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int alerts = Integer.getInteger("alerts", 20000);
        double rate = Double.parseDouble(System.getProperty("rate", "50"));
        long latencyMs = Long.getLong("latencyMs", 50);
        int dispatchers = Integer.getInteger("dispatchers", 1);
        SimulatorSettings settings = SimulatorSettings.defaults().withLatency(Duration.ofMillis(latencyMs));
        List<ConfigurableApplicationContext> apps = new ArrayList<>();
        List<AppProcess> processes = new ArrayList<>();
        try (TelnyxSimulator simulator = TelnyxSimulator.start(settings)) {
            apps.add(new SpringApplicationBuilder(NumberingApplication.class).run(arguments(simulator, settings, rate)));
            apps.get(0).getBean(JobLaunchService.class).launch("setupSharedSmsNumberJob", new JobParameters());
            JdbcTemplate jdbc = apps.get(0).getBean(JdbcTemplate.class);
            seed(jdbc, alerts);
            Path go = Files.createTempDirectory("numbering-dispatchers").resolve("go");
            for (int i = 0; dispatchers > 1 && i < dispatchers; i++) {
                processes.add(dispatcher(simulator, settings, rate, go));
            }
            awaitReady(processes);
            int before = simulator.ledger().messages().size();
            long start = System.nanoTime();
            List<BatchStatus> statuses = (dispatchers == 1) ? dispatchAlone(apps.get(0)) : dispatchAll(processes, go);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<LedgerMessage> sent = simulator.ledger().messages().subList(before, simulator.ledger().messages().size());
            report(jdbc, sent, alerts, rate, latencyMs, dispatchers, statuses, seconds);
        }
        finally {
            processes.forEach(AppProcess::terminate);
            apps.forEach(ConfigurableApplicationContext::close);
        }
        System.exit(0);
    }

    private static String[] arguments(TelnyxSimulator simulator, SimulatorSettings settings, double rate) {
        return new String[] { "--numbering.launch.enabled=false", "--numbering.local.embedded-database=true",
                "--numbering.telnyx.base-url=" + simulator.baseUrl(), "--numbering.telnyx.api-key=" + settings.apiKey(),
                "--numbering.telnyx.requests-per-second=200", "--numbering.telnyx.max-concurrent-requests=16",
                "--numbering.sms.area-code=415", "--numbering.sms.public-base-url=https://alerts.example.test",
                "--numbering.sms.order-poll-interval=100ms", "--numbering.alerts.messages-per-second=" + rate,
                "--numbering.alerts.daily-segment-budget=1000000", "--numbering.alerts.claim-size=200",
                "--logging.level.com.numbering=WARN" };
    }

    /** One dispatcher alone goes through the launcher, in this process, as in production. */
    private static List<BatchStatus> dispatchAlone(ConfigurableApplicationContext app) {
        return List.of(app.getBean(JobLaunchService.class)
            .launch("dispatchAlertsJob", new JobParameters())
            .execution()
            .getStatus());
    }

    /** Several: each its own process, on this process's database (the embedded server lives here). */
    private static AppProcess dispatcher(TelnyxSimulator simulator, SimulatorSettings settings, double rate, Path go)
            throws IOException {
        List<String> args = new ArrayList<>(List.of(arguments(simulator, settings, rate)));
        args.remove("--numbering.local.embedded-database=true");
        args.addAll(List.of("--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(),
                "--spring.datasource.username=postgres", "--spring.datasource.password="));
        // As a dispatch pod runs (k8s-cronjob.yaml): its JVM options and memory limit
        List<String> jvm = new ArrayList<>(StartupBenchmark.POD_OPTIONS);
        jvm.addAll(List.of("-XX:MaxRAM=" + StartupBenchmark.POD_MEMORY_LIMIT, "-Dgo=" + go));
        return AppProcess.start(DispatcherProcess.class, Map.of(), jvm, args);
    }

    private static void awaitReady(List<AppProcess> processes) throws Exception {
        for (AppProcess process : processes) {
            while (!process.output().contains(DispatcherProcess.READY)) {
                if (!process.isAlive()) {
                    throw new AssertionError("a dispatcher did not start: " + process.output());
                }
                Thread.sleep(50);
            }
        }
    }

    /** Every dispatcher process begins at once (the file they wait for), and each says how its run ended. */
    private static List<BatchStatus> dispatchAll(List<AppProcess> processes, Path go) throws Exception {
        Files.createFile(go);
        List<BatchStatus> statuses = new ArrayList<>();
        for (AppProcess process : processes) {
            String output = process.waitForExit().output();
            int at = output.lastIndexOf(DispatcherProcess.STATUS);
            if (at < 0) {
                throw new AssertionError("a dispatcher did not finish its run: " + output);
            }
            statuses.add(BatchStatus.valueOf(output.substring(at + DispatcherProcess.STATUS.length()).strip()
                .lines()
                .findFirst()
                .orElseThrow()));
        }
        return statuses;
    }

    private static void report(JdbcTemplate jdbc, List<LedgerMessage> sent, int alerts, double rate, long latencyMs,
            int dispatchers, List<BatchStatus> statuses, double seconds) {
        List<Instant> arrivals = sent.stream().map(LedgerMessage::acceptedAt).sorted().toList();
        double span = Duration.between(arrivals.get(0), arrivals.get(arrivals.size() - 1)).toNanos() / 1e9;
        double achieved = (arrivals.size() - 1) / span;
        Set<String> distinct = sent.stream().map(m -> m.to() + "|" + m.text()).collect(Collectors.toSet());
        int window = (int) Math.ceil(rate);
        double shortest = shortestWindow(arrivals, window);
        double floor = (window - 1) / rate;
        List<Double> lags = jdbc.queryForList(
                "SELECT extract(epoch FROM sent_at - not_before) FROM client_alerts WHERE status = 'sent' ORDER BY 1",
                Double.class);
        System.out.printf(Locale.ROOT, "dispatchAlertsJob benchmark: %d alerts due at once, %.0f messages/second "
                + "configured, %d ms simulated latency, %d dispatcher(s)%n", alerts, rate, latencyMs, dispatchers);
        System.out.printf(Locale.ROOT, "  result             %s, %d sent in %.1f s%n", statuses, sent.size(), seconds);
        System.out.printf(Locale.ROOT, "  achieved rate      %.2f messages/second = %.1f%% of %.0f%n", achieved,
                100 * achieved / rate, rate);
        System.out.printf(Locale.ROOT, "  duplicates         %d%n", sent.size() - distinct.size());
        System.out.printf(Locale.ROOT, "  shortest window    %d arrivals in a row within %.1f ms (at least %.1f ms): "
                + "%s%n", window, shortest * 1000, floor * 1000, shortest >= floor ? "holds" : "VIOLATED");
        System.out.printf(Locale.ROOT, "  lag due -> sent    p50 %.1f s, p99 %.1f s (all %d were due at the start)%n",
                percentile(lags, 0.50), percentile(lags, 0.99), alerts);
    }

    /** The shortest time any {@code n} consecutive arrivals span, in seconds (infinite with fewer than n). */
    static double shortestWindow(List<Instant> arrivals, int n) {
        double shortest = Double.POSITIVE_INFINITY;
        for (int i = 0; i + n - 1 < arrivals.size(); i++) {
            shortest = Math.min(shortest,
                    Duration.between(arrivals.get(i), arrivals.get(i + n - 1)).toNanos() / 1e9);
        }
        return shortest;
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    private static void seed(JdbcTemplate jdbc, int count) {
        long tenant = jdbc.queryForObject("INSERT INTO tenants (name) VALUES ('Benchmark') RETURNING id", Long.class);
        List<Object[]> consents = new ArrayList<>();
        List<Object[]> alerts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String phone = String.format("+1415%03d%04d", 200 + i / 10000, i % 10000);
            consents.add(new Object[] { phone });
            alerts.add(new Object[] { tenant, phone, "Your appointment #" + i + " is booked.", "bench-" + i });
        }
        jdbc.batchUpdate("INSERT INTO sms_consents (phone, opted_in_at, opt_in_method) VALUES (?, now(), 'benchmark')",
                consents);
        jdbc.batchUpdate("""
                INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key, not_before)
                VALUES (?, ?, 'appointment_booked', ?, ?, now())""", alerts);
    }

}
