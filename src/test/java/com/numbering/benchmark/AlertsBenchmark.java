package com.numbering.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.NumberingApplication;
import com.numbering.launch.JobLaunchService;
import com.numbering.launch.LaunchResult;
import com.numbering.telnyx.sandbox.LedgerMessage;
import com.numbering.telnyx.sandbox.SimulatorSettings;
import com.numbering.telnyx.sandbox.TelnyxSimulator;

/**
 * Benchmark (not a test): dispatchAlertsJob for N due alerts at a configured rate against the simulator. Prints the
 * achieved rate as a share of the configured one, duplicates, and p50/p99 lag from due time to send.
 * <pre>
 * ./mvnw -q -Pbenchmark verify -Dbenchmark=AlertsBenchmark -Dalerts=20000 -Drate=50 -DlatencyMs=50
 * </pre>
 */
public final class AlertsBenchmark {

    private AlertsBenchmark() {
    }

    public static void main(String[] args) {
        int alerts = Integer.getInteger("alerts", 20000);
        double rate = Double.parseDouble(System.getProperty("rate", "50"));
        long latencyMs = Long.getLong("latencyMs", 50);
        SimulatorSettings settings = SimulatorSettings.defaults().withLatency(Duration.ofMillis(latencyMs));
        try (TelnyxSimulator simulator = TelnyxSimulator.start(settings);
                ConfigurableApplicationContext app = new SpringApplicationBuilder(NumberingApplication.class).run(
                        "--numbering.launch.enabled=false", "--numbering.local.embedded-database=true",
                        "--numbering.telnyx.base-url=" + simulator.baseUrl(),
                        "--numbering.telnyx.api-key=" + settings.apiKey(), "--numbering.telnyx.requests-per-second=200",
                        "--numbering.telnyx.max-concurrent-requests=16", "--numbering.sms.area-code=415",
                        "--numbering.sms.public-base-url=https://alerts.example.test",
                        "--numbering.sms.order-poll-interval=100ms", "--numbering.alerts.messages-per-second=" + rate,
                        "--numbering.alerts.daily-segment-budget=1000000", "--numbering.alerts.workers=8",
                        "--numbering.alerts.claim-size=200", "--logging.level.com.numbering=WARN")) {
            JobLaunchService launches = app.getBean(JobLaunchService.class);
            launches.launch("setupSharedSmsNumberJob", new JobParameters());
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            seed(jdbc, alerts);
            int before = simulator.ledger().messages().size();
            long start = System.nanoTime();
            LaunchResult result = launches.launch("dispatchAlertsJob", new JobParameters());
            double seconds = (System.nanoTime() - start) / 1e9;
            List<LedgerMessage> sent = simulator.ledger().messages().subList(before, simulator.ledger().messages().size());
            double span = Duration.between(sent.get(0).acceptedAt(), sent.get(sent.size() - 1).acceptedAt()).toNanos()
                    / 1e9;
            double achieved = (sent.size() - 1) / span;
            Set<String> distinct = sent.stream().map(m -> m.to() + "|" + m.text()).collect(Collectors.toSet());
            List<Double> lags = jdbc.queryForList(
                    "SELECT extract(epoch FROM sent_at - not_before) FROM client_alerts WHERE status = 'sent' ORDER BY 1",
                    Double.class);
            System.out.printf(Locale.ROOT, "dispatchAlertsJob benchmark: %d alerts due at once, %.0f messages/second "
                    + "configured, %d ms simulated latency%n", alerts, rate, latencyMs);
            System.out.printf(Locale.ROOT, "  result             %s, %d sent in %.1f s%n", result.execution().getStatus(),
                    sent.size(), seconds);
            System.out.printf(Locale.ROOT, "  achieved rate      %.2f messages/second = %.1f%% of %.0f%n", achieved,
                    100 * achieved / rate, rate);
            System.out.printf(Locale.ROOT, "  duplicates         %d%n", sent.size() - distinct.size());
            System.out.printf(Locale.ROOT, "  lag due -> sent    p50 %.1f s, p99 %.1f s (all %d were due at the start)%n",
                    percentile(lags, 0.50), percentile(lags, 0.99), alerts);
        }
        System.exit(0);
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
