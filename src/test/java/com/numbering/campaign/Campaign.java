package com.numbering.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.numbering.AppProcess;
import com.numbering.AppProcess.Finished;
import com.numbering.NumberingApplication;
import com.numbering.OutsideWorld;
import com.numbering.telnyx.sandbox.FaultPlan;

/**
 * One scenario of the reliability campaign: its own simulator and database ({@link OutsideWorld}), the jobs as
 * separate JVMs, a seeded random source for kill moments, and the tally the campaign table prints.
 */
final class Campaign implements AutoCloseable {

    static final String PROVISION = "provisionVoiceNumbersJob";

    static final String SMS = "setupSharedSmsNumberJob";

    static final String DISPATCH = "dispatchAlertsJob";

    static final String RECONCILE = "reconcileInventoryJob";

    /** Quick start-up matters more than peak speed: every run is a fresh JVM. */
    private static final List<String> JVM = List.of("-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:+UseSerialGC",
            "-Xmx384m");

    /** What a launch logs when another process holds the job's lock (JobLaunchService). */
    static final String ALREADY_RUNNING = "is already running in another process";

    final String name;

    final OutsideWorld world;

    final Random random;

    final Seeds seeds;

    private final List<String> outputs = new ArrayList<>();

    private final Map<String, String> overrides = new LinkedHashMap<>();

    int runs;

    int kills;

    int databaseLosses;

    /** Telnyx requests a whole run of each job made, last measured: the span kill moments are drawn from. */
    private final Map<String, Integer> requestsPerRun = new HashMap<>();

    private Duration latency = Duration.ZERO;

    private Map<FaultPlan.Kind, Integer> faultsBefore = Map.of();

    /** Set when this scenario stops and restarts its own PostgreSQL server. */
    private final StoppablePostgres server;

    Campaign(String name, long seed) throws Exception {
        this(name, seed, false);
    }

    /**
     * @param ownServer the scenario's database on a server of its own, which {@link #stopDatabase()} really stops
     */
    Campaign(String name, long seed, boolean ownServer) throws Exception {
        this.name = name;
        this.server = ownServer ? new StoppablePostgres() : null;
        this.world = ownServer ? OutsideWorld.startOn(this.server.jdbcUrl(), "campaign") : OutsideWorld.start("campaign");
        this.random = new Random(seed);
        this.seeds = new Seeds(this.world.jdbc(), seed);
        // Short waits everywhere: a campaign looks at many runs, not at long schedules.
        override("numbering.telnyx.read-timeout", "2s");
        override("numbering.telnyx.requests-per-second", "200");
        override("numbering.provisioning.unknown-outcome-delay", "0s");
        override("numbering.provisioning.retry-backoff", "0s");
        override("numbering.provisioning.order-poll-interval", "50ms");
        override("numbering.provisioning.order-poll-timeout", "2s");
        override("numbering.provisioning.batch-size", "5");
        // the campaign tries crash safety over hundreds of runs, not the order ceilings (their own tests do)
        override("numbering.orders.max-per-day", "1000000");
        override("numbering.sms.area-code", "415");
        override("numbering.sms.public-base-url", "https://alerts.example.test");
        override("numbering.sms.order-poll-interval", "50ms");
        override("numbering.alerts.messages-per-second", "50");
        override("numbering.alerts.retry-backoff", "0s");
        override("numbering.alerts.claim-size", "10");
        override("numbering.alerts.delivery-check-delay", "0s");
    }

    void override(String key, String value) {
        this.overrides.put(key, value);
    }

    List<String> args(String job) {
        List<String> args = new ArrayList<>();
        for (String arg : this.world.args(job)) {
            String key = arg.substring(2, arg.contains("=") ? arg.indexOf('=') : arg.length());
            if (!this.overrides.containsKey(key)) {
                args.add(arg);
            }
        }
        this.overrides.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args;
    }

    AppProcess start(String job) throws Exception {
        this.runs++;
        return AppProcess.start(NumberingApplication.class, Map.of(), JVM, args(job));
    }

    Finished finish(AppProcess process) throws Exception {
        Finished finished = process.waitForExit();
        this.outputs.add(finished.output());
        return finished;
    }

    Finished run(String job) throws Exception {
        return finish(start(job));
    }

    /** One run of {@code job} with job parameters ({@code name=value}), as ops type them. */
    Finished run(String job, String... parameters) throws Exception {
        List<String> args = args(job);
        args.addAll(List.of(parameters));
        this.runs++;
        return finish(AppProcess.start(NumberingApplication.class, Map.of(), JVM, args));
    }

    /**
     * Runs {@code job} until a run completes (exit 0) and did the work; fails the scenario after {@code maxRuns}.
     * A launch that found the job "already running" exits 0 having done nothing: right after a SIGKILL, PostgreSQL may
     * not yet have noticed the dead process and still hold its job lock for a moment. Such a launch is tried again
     * and not counted, as the next scheduled run would come.
     */
    Finished runUntilCompleted(String job, int maxRuns) throws Exception {
        Finished last = null;
        int lockedOut = 0;
        for (int i = 0; i < maxRuns; i++) {
            last = run(job);
            if (last.exitCode() == 0 && last.output().contains(ALREADY_RUNNING) && lockedOut++ < 20) {
                i--;
                TimeUnit.MILLISECONDS.sleep(250);
                continue;
            }
            if (last.exitCode() == 0) {
                return last;
            }
        }
        throw new AssertionError(this.name + ": " + job + " did not complete in " + maxRuns + " runs; last:\n"
                + tail(last.output()));
    }

    /**
     * Starts {@code job} and SIGKILLs it at a seeded random moment of its work: right after its k-th Telnyx request,
     * k drawn from 1 to the requests a whole run makes, plus a random part of the simulator's latency (so that some
     * kills land while an answer is in flight). The moment is counted in the job's own progress, not in wall-clock
     * time, so kills land inside the run on a fast idle machine and on a loaded one alike. The first call for a job
     * measures a whole run (not a kill); a run that ends on its own before its moment counts as a run, not a kill,
     * and narrows later moments to what it made.
     */
    boolean killAtRandomMoment(String job) throws Exception {
        int before = this.world.simulator().ledger().requestCount();
        AppProcess process = start(job);
        Integer span = this.requestsPerRun.get(job);
        if (span == null) {
            finish(process);
            this.requestsPerRun.put(job, Math.max(1, this.world.simulator().ledger().requestCount() - before));
            return false;
        }
        int target = before + 1 + this.random.nextInt(span);
        long jitter = (long) (this.random.nextDouble() * this.latency.toMillis());
        Instant deadline = Instant.now().plusSeconds(90);
        while (process.isAlive() && this.world.simulator().ledger().requestCount() < target
                && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(2);
        }
        TimeUnit.MILLISECONDS.sleep(jitter);
        if (!process.isAlive()) {
            finish(process);
            this.requestsPerRun.put(job, Math.max(1, this.world.simulator().ledger().requestCount() - before));
            return false;
        }
        process.kill();
        this.outputs.add(process.output());
        this.kills++;
        return true;
    }

    /** The simulator's latency for every request, which kill moments are spread over. */
    void setLatency(Duration latency) {
        this.latency = latency;
        this.world.simulator().control().setLatency(latency);
    }

    /** Kills every connection to this scenario's database but the campaign's own: PostgreSQL lost, as far as the job sees. */
    int dropDatabaseConnections() {
        Integer killed = this.world.jdbc().queryForObject("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()""", Integer.class);
        return killed == null ? 0 : killed;
    }

    /** Stops the scenario's own PostgreSQL server: every session ends and nothing answers until {@link #startDatabase()}. */
    void stopDatabase() throws Exception {
        this.server.stop();
    }

    void startDatabase() throws Exception {
        this.server.start();
    }

    /** Random faults injected during this scenario so far, by kind. */
    Map<FaultPlan.Kind, Integer> faults() {
        Map<FaultPlan.Kind, Integer> now = this.world.simulator().ledger().faultsInjected();
        Map<FaultPlan.Kind, Integer> delta = new LinkedHashMap<>();
        now.forEach((kind, count) -> delta.put(kind, count - this.faultsBefore.getOrDefault(kind, 0)));
        return delta;
    }

    /** Writes every process log of this scenario to {@code target/campaign-logs/<scenario>/}, to read after a failure. */
    void saveOutputs() throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "campaign-logs", this.name.replaceAll("[^A-Za-z0-9]+", "-"));
        java.nio.file.Files.createDirectories(dir);
        for (int i = 0; i < this.outputs.size(); i++) {
            java.nio.file.Files.writeString(dir.resolve("run-%03d.log".formatted(i + 1)), this.outputs.get(i));
        }
    }

    List<String> outputs() {
        return List.copyOf(this.outputs);
    }

    static String tail(String output) {
        return output.length() <= 4000 ? output : output.substring(output.length() - 4000);
    }

    @Override
    public void close() throws Exception {
        try {
            this.world.close();
        }
        finally {
            if (this.server != null) {
                this.server.close();
            }
        }
    }

}
