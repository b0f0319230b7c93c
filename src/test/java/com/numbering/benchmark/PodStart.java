package com.numbering.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.numbering.telnyx.sandbox.LedgerRequest;
import com.numbering.telnyx.sandbox.TelnyxSimulator;

/**
 * One pod's life, as a CronJob gives it: a fresh JVM that runs one job and exits. Measures from the moment the
 * process is started to the first request the simulator records (its own clock, the same as this JVM's), the whole
 * run, and the peak resident memory ({@code VmHWM}, a high-water mark, read every few milliseconds until the process
 * ends: what the kernel counts against a container's memory limit).
 */
final class PodStart {

    private static final Duration LONGEST = Duration.ofMinutes(3);

    /** USER_HZ: 100 on every Linux architecture this runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private PodStart() {
    }

    static Measurement run(StartupVariant variant, List<String> args, TelnyxSimulator simulator) throws Exception {
        List<String> command = new ArrayList<>(variant.command());
        command.addAll(args);
        command.addAll(StartMilestones.LOGGING);
        Path log = Files.createTempFile("numbering-start-" + variant.name(), ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(variant.directory().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("SPRING_BATCH_JOB_NAME");
        builder.environment().remove("LOGGING_STRUCTURED_FORMAT_CONSOLE");
        int before = simulator.ledger().requests().size();
        Instant started = Instant.now();
        Process process = builder.start();
        long peakKib = 0;
        long threads = 0;
        long cpuTicks = 0;
        long deadline = System.nanoTime() + LONGEST.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            peakKib = Math.max(peakKib, status(process.pid(), "VmHWM:"));
            threads = Math.max(threads, status(process.pid(), "Threads:"));
            cpuTicks = Math.max(cpuTicks, cpuTicks(process.pid()));
            process.waitFor(5, TimeUnit.MILLISECONDS);
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            throw new AssertionError(variant.name() + " did not end: " + Files.readString(log));
        }
        Duration total = Duration.between(started, Instant.now());
        List<LedgerRequest> requests = simulator.ledger().requests();
        if (process.exitValue() != 0 || requests.size() == before) {
            throw new AssertionError(variant.name() + " exited " + process.exitValue() + " after "
                    + (requests.size() - before) + " request(s): " + Files.readString(log));
        }
        LedgerRequest first = requests.get(before);
        Map<String, Long> milestones = StartMilestones.read(log, started, first.receivedAt());
        Files.delete(log);
        return new Measurement(Duration.between(started, first.receivedAt()), total, peakKib, threads,
                first.method() + " " + first.path(), Duration.ofMillis(cpuTicks * 1000 / TICKS_PER_SECOND),
                milestones);
    }

    private static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // the process ended between two reads: the previous reading stands
        }
        return 0;
    }

    /** user + system time of every thread, {@code /proc/<pid>/stat} fields 14 and 15, in clock ticks */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        catch (IOException | RuntimeException ex) {
            return 0;
        }
    }

    /**
     * @param firstCall process start to the first request Telnyx (the simulator) received
     * @param total process start to its exit
     * @param peakRssKib peak resident set size (VmHWM) in KiB
     * @param threads the most threads seen at once (what a memory calculator must reserve stacks for)
     * @param cpu CPU time of the whole run, all threads (last reading before the exit): on a busy machine less noisy
     * than the wall clock, and what a pod's CPU share is spent on
     * @param milestones milliseconds from the process start to each milestone it logged ({@link StartMilestones})
     */
    record Measurement(Duration firstCall, Duration total, long peakRssKib, long threads, String firstRequest,
            Duration cpu, Map<String, Long> milestones) {

        double peakRssMib() {
            return this.peakRssKib / 1024.0;
        }

    }

}
