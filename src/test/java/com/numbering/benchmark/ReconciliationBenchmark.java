package com.numbering.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
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
 * Benchmark (not a test): reconcileInventoryJob over N numbers in the simulator, with a per-request latency and the
 * production request budget. 99 % of the numbers belong to tenants (recorded, on the voice connection); 1 in 100 is
 * unowned (reported) and 1 in 1,000 of the tenants' numbers is on another connection (re-attached). Prints wall time, pages per second
 * against the budget, requests by endpoint, and heap: peak during the run above a post-GC baseline taken after
 * seeding (the simulator's own copy of the account is in that baseline), and what the run left retained. The
 * simulator is warmed up first (it shares this JVM; Telnyx does not); the job's own process is measured cold.
 * <pre>
 * ./mvnw -q -Pbenchmark verify -Dbenchmark=ReconciliationBenchmark -Dnumbers=100000 -DlatencyMs=100 -Dbudget=10
 * </pre>
 * Options (system properties): numbers (100000), latencyMs (100), budget (10 requests/second, the default).
 */
public final class ReconciliationBenchmark {

    private ReconciliationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int numbers = Integer.getInteger("numbers", 100_000);
        long latencyMs = Long.getLong("latencyMs", 100);
        double budget = Double.parseDouble(System.getProperty("budget", "10"));
        SimulatorSettings settings = SimulatorSettings.defaults()
            .withLatency(Duration.ofMillis(latencyMs))
            .withRequestsPerSecond(budget)
            .withBurst((int) Math.max(1, budget));
        try (TelnyxSimulator simulator = TelnyxSimulator.start(settings);
                ConfigurableApplicationContext app = new SpringApplicationBuilder(NumberingApplication.class)
                    .run("--numbering.launch.enabled=false", "--numbering.local.embedded-database=true",
                            "--numbering.telnyx.base-url=" + simulator.baseUrl(),
                            "--numbering.telnyx.api-key=" + settings.apiKey(),
                            "--numbering.telnyx.voice-connection-id=" + SimulatorSettings.DEFAULT_CONNECTION_ID,
                            "--numbering.telnyx.requests-per-second=" + budget,
                            "--logging.level.com.numbering=WARN")) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            seed(simulator, jdbc, numbers);
            warmUp(simulator, settings);
            long baseline = heapAfterGc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            int requestsBefore = simulator.ledger().requests().size();
            long start = System.nanoTime();
            LaunchResult result = app.getBean(JobLaunchService.class).launch("reconcileInventoryJob",
                    new JobParameters());
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = peakHeap();
            long retained = heapAfterGc();
            print(numbers, latencyMs, budget, result, seconds, jdbc);
            StepExecution staging = result.execution().getStepExecutions().stream()
                .filter(s -> s.getStepName().equals("stageInventoryStep")).findFirst().orElseThrow();
            double stagingSeconds = Duration.between(staging.getStartTime(), staging.getEndTime()).toMillis() / 1e3;
            int pages = (numbers + 249) / 250;
            System.out.printf(Locale.ROOT, "  staging            %d pages of 250 in %.1f s: %.2f pages/s (budget %.0f req/s, %.0f%% of it)%n",
                    pages, stagingSeconds, pages / stagingSeconds, budget, 100 * pages / stagingSeconds / budget);
            List<java.time.Instant> pageRequests = simulator.ledger().requests().stream().skip(requestsBefore)
                .filter(r -> r.query().containsKey("page[number]")).map(r -> r.receivedAt()).sorted().toList();
            java.time.Instant firstPage = pageRequests.get(0);
            java.time.Instant lastPage = pageRequests.get(pageRequests.size() - 1);
            System.out.printf(Locale.ROOT, "  staging timeline   first page request +%.2f s after the step started; pages"
                    + " requested at %.2f/s from first to last; step ended %.2f s after the last page request%n",
                    Duration.between(staging.getStartTime().atZone(java.time.ZoneId.systemDefault()).toInstant(),
                            firstPage).toMillis() / 1e3,
                    (pageRequests.size() - 1) / (Duration.between(firstPage, lastPage).toMillis() / 1e3),
                    Duration.between(lastPage,
                            staging.getEndTime().atZone(java.time.ZoneId.systemDefault()).toInstant()).toMillis() / 1e3);
            System.out.printf(Locale.ROOT, "  heap               baseline %d MiB after seeding; peak during the run +%d MiB; retained after it +%d MiB%n",
                    baseline >> 20, (peak - baseline) >> 20, (retained - baseline) >> 20);
            Map<String, Long> byEndpoint = simulator.ledger().requests().stream().skip(requestsBefore)
                .collect(Collectors.groupingBy(r -> r.method() + " " + r.path().replaceAll("/\\d+$", "/{id}"),
                        TreeMap::new, Collectors.counting()));
            byEndpoint.forEach((endpoint, calls) -> System.out.printf(Locale.ROOT, "    %-32s %d%n", endpoint, calls));
            System.out.printf(Locale.ROOT, "  429s received      %d%n", simulator.ledger().count429());
        }
        System.exit(0);
    }

    private static void print(int numbers, long latencyMs, double budget, LaunchResult result, double seconds,
            JdbcTemplate jdbc) {
        System.out.printf(Locale.ROOT, "reconcileInventoryJob benchmark: %d numbers, %d ms latency, budget %.0f req/s%n",
                numbers, latencyMs, budget);
        System.out.printf(Locale.ROOT, "  result             %s in %.1f s wall time%n", result.execution().getStatus(),
                seconds);
        jdbc.query("""
                SELECT kind, action, count(*) FROM reconciliation_findings WHERE job_execution_id = ?
                GROUP BY kind, action ORDER BY kind, action""", rs -> {
            System.out.printf(Locale.ROOT, "  findings           %-22s %-12s %d%n", rs.getString(1), rs.getString(2),
                    rs.getLong(3));
        }, result.execution().getId());
    }

    /** Numbers over the area codes of California; tenants record all but every 100th. */
    private static void seed(TelnyxSimulator simulator, JdbcTemplate jdbc, int count) {
        List<String> npas = NanpDirectory.load().geographicCodesIn("CA").stream().map(code -> code.npa()).toList();
        List<Object[]> tenants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int rest = i / npas.size();
            String number = String.format("+1%s%03d%04d", npas.get(i % npas.size()), 200 + rest / 10_000,
                    rest % 10_000);
            String connection = i % 1000 == 500 ? "someone-elses-connection" : SimulatorSettings.DEFAULT_CONNECTION_ID;
            String id = simulator.control().addOwnedNumber(number, connection, null, List.of(), "active");
            if (i % 100 != 99) {
                tenants.add(new Object[] { "Benchmark tenant " + i, number, id });
            }
            if (tenants.size() == 5000 || i == count - 1) {
                jdbc.batchUpdate("""
                        INSERT INTO tenants (name, state, telnyx_voice_status, telnyx_voice_number,
                                             telnyx_voice_number_id, telnyx_voice_updated_at)
                        VALUES (?, 'CA', 'active', ?, ?, now() - interval '1 hour')""", tenants);
                tenants.clear();
            }
        }
    }

    /**
     * The simulator runs in this JVM, Telnyx does not: its first answers (class loading, the JIT) would be counted
     * against the job. A few pages through its HTTP front door first, then time for its bucket to refill.
     */
    private static void warmUp(TelnyxSimulator simulator, SimulatorSettings settings) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest page = HttpRequest.newBuilder(URI.create(simulator.baseUrl()
                + "/phone_numbers?page%5Bnumber%5D=2&page%5Bsize%5D=250"))
            .header("Authorization", "Bearer " + settings.apiKey())
            .build();
        for (int i = 0; i < 3; i++) {
            client.send(page, HttpResponse.BodyHandlers.discarding());
        }
        TimeUnit.SECONDS.sleep(1);
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
            .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

}
