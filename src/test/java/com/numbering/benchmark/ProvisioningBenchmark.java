package com.numbering.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.NumberingApplication;
import com.numbering.launch.JobLaunchService;
import com.numbering.launch.LaunchResult;
import com.numbering.nanp.NanpDirectory;
import com.numbering.telnyx.sandbox.SimulatorSettings;
import com.numbering.telnyx.sandbox.TelnyxSimulator;

/**
 * Benchmark (not a test): provisionVoiceNumbersJob for N tenants against the simulator with a per-call latency and
 * a request budget. Prints tenants/second, API calls per tenant, the share of the budget used and 429s received.
 * <pre>
 * ./mvnw -q -Pbenchmark verify -Dbenchmark=ProvisioningBenchmark -Dtenants=2000 -DlatencyMs=100 -Dbudget=20
 * </pre>
 * Options (system properties): tenants (2000), latencyMs (100), budget (20 requests/second).
 */
public final class ProvisioningBenchmark {

    private ProvisioningBenchmark() {
    }

    public static void main(String[] args) {
        int tenants = Integer.getInteger("tenants", 2000);
        long latencyMs = Long.getLong("latencyMs", 100);
        double budget = Double.parseDouble(System.getProperty("budget", "20"));
        SimulatorSettings settings = SimulatorSettings.defaults()
            .withLatency(Duration.ofMillis(latencyMs))
            .withRequestsPerSecond(budget)
            .withBurst((int) Math.max(1, budget))
            .withDefaultInventoryPerAreaCode(200);
        try (TelnyxSimulator simulator = TelnyxSimulator.start(settings);
                // Command-line arguments: they outrank application.yml, as they would for a real launch.
                ConfigurableApplicationContext app = new SpringApplicationBuilder(NumberingApplication.class)
                    .run("--numbering.launch.enabled=false", "--numbering.local.embedded-database=true",
                            "--numbering.telnyx.base-url=" + simulator.baseUrl(),
                            "--numbering.telnyx.api-key=" + settings.apiKey(),
                            "--numbering.telnyx.voice-connection-id=" + SimulatorSettings.DEFAULT_CONNECTION_ID,
                            "--numbering.telnyx.requests-per-second=" + budget,
                            "--numbering.telnyx.max-concurrent-requests=16", "--numbering.provisioning.batch-size=100",
                            // thousands of tenants: far above the production ceilings (docs/operations.md "Guardrails")
                            "--numbering.orders.max-per-run=100000", "--numbering.orders.max-per-day=1000000",
                            "--logging.level.com.numbering=WARN")) {
            // US local orders need no documents and "activate momentarily": here, after half a second.
            simulator.control().settleOrdersAfter(Duration.ofMillis(500));
            seed(app.getBean(JdbcTemplate.class), tenants);
            int requestsBefore = simulator.ledger().requests().size();
            long start = System.nanoTime();
            LaunchResult result = app.getBean(JobLaunchService.class)
                .launch("provisionVoiceNumbersJob", new JobParameters());
            double seconds = (System.nanoTime() - start) / 1e9;
            int requests = simulator.ledger().requests().size() - requestsBefore;
            Integer active = app.getBean(JdbcTemplate.class)
                .queryForObject("SELECT count(*) FROM tenants WHERE telnyx_voice_status = 'active'", Integer.class);
            System.out.printf(Locale.ROOT, "provisionVoiceNumbersJob benchmark: %d tenants, %d ms latency, budget %.0f req/s%n",
                    tenants, latencyMs, budget);
            System.out.printf(Locale.ROOT, "  result             %s (%d of %d tenants active)%n",
                    result.execution().getStatus(), active, tenants);
            System.out.printf(Locale.ROOT, "  wall time          %.1f s%n", seconds);
            System.out.printf(Locale.ROOT, "  tenants/second     %.2f%n", tenants / seconds);
            System.out.printf(Locale.ROOT, "  API calls/tenant   %.2f (%d calls)%n", (double) requests / tenants, requests);
            System.out.printf(Locale.ROOT, "  budget used        %.1f%% (%.2f req/s of %.0f)%n",
                    100 * requests / seconds / budget, requests / seconds, budget);
            System.out.printf(Locale.ROOT, "  429s received      %d%n", simulator.ledger().count429());
            simulator.ledger()
                .requests()
                .stream()
                .skip(requestsBefore)
                .collect(java.util.stream.Collectors.groupingBy(r -> r.method() + " " + r.path().replaceAll("/\\d+$", "/{id}"),
                        java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                .forEach((endpoint, calls) -> System.out.printf(Locale.ROOT, "    %-32s %d%n", endpoint, calls));
        }
        System.exit(0);
    }

    /** Tenants spread over the area codes of the ten largest states, as a real customer base would be. */
    static void seed(JdbcTemplate jdbc, int count) {
        seed(jdbc, count, List.of("CA", "TX", "FL", "NY", "PA", "IL", "OH", "GA", "NC", "MI"));
    }

    /** {@code count} tenants, each with a phone in one of the area codes of {@code states}, taken in turn. */
    static void seed(JdbcTemplate jdbc, int count, List<String> states) {
        NanpDirectory nanp = NanpDirectory.load();
        List<String> npas = new ArrayList<>();
        for (String state : states) {
            nanp.geographicCodesIn(state).forEach(code -> npas.add(code.npa()));
        }
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String npa = npas.get(i % npas.size());
            rows.add(new Object[] { "Benchmark tenant " + i, String.format("(%s) 555-%04d", npa, 2000 + i % 8000),
                    nanp.lookup(npa).orElseThrow().region() });
        }
        jdbc.batchUpdate("INSERT INTO tenants (name, phone, state) VALUES (?, ?, ?)", rows);
    }

}
