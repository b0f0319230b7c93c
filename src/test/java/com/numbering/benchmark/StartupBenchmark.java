package com.numbering.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.numbering.AppProcess;
import com.numbering.AppProcess.Finished;
import com.numbering.OutsideWorld;
import com.numbering.benchmark.PodStart.Measurement;

/**
 * Benchmark (not a test): the dispatchAlertsJob pod's start, a fresh JVM per run as a CronJob starts it, with and
 * without the fast-start variant, the runs of the variants alternating in one process against one simulator and one
 * database. Prints, per run and as medians, process start to the first Telnyx call (GET of the messaging profile) and
 * the peak resident memory.
 * <pre>
 * ./mvnw -q -Pbenchmark verify -Dbenchmark=StartupBenchmark -Druns=7
 * </pre>
 * The fast-start variant ({@code aot25}) is what the image runs: Java 25, the extracted jar, the bean definitions the
 * build worked out ahead of time ({@code process-aot}), its AOT cache from a training run, the small pod's JVM options
 * and memory limit. {@code fast} is the same on Java 17 with a CDS archive. {@code -Dvariants=plain,flags17,fast,aot25,
 * plain25} adds what lies between and beside: the options alone, Java 25 alone; {@code base} with {@code -DbaseJar=…}
 * is the image as it was before the ahead-of-time definitions (Java 17, CDS, the context refreshed from the
 * configuration classes), made from another build's jar, to compare two commits turn by turn. Each run also reports
 * where its start went ({@link StartMilestones}) and its CPU time.
 */
public final class StartupBenchmark {

    /** Today's pod: Java 17, the jar as built, heap at 75% of the 768 MiB limit. */
    static final List<String> PLAIN_OPTIONS = List.of("-XX:MaxRAM=768m", "-XX:MaxRAMPercentage=75");

    /** The small pod's JVM options: k8s-cronjob.yaml's JAVA_TOOL_OPTIONS (K8sManifestTests keeps them equal). */
    public static final List<String> POD_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
            "-XX:MaxRAMPercentage=60", "-XX:ReservedCodeCacheSize=32m");

    /** The image runs the bean definitions the build worked out ahead of time (BP_SPRING_AOT_ENABLED, pom.xml). */
    public static final List<String> IMAGE_OPTIONS = List.of("-Dspring.aot.enabled=true");

    /** The variant the image is. */
    static final String IMAGE = "aot25";

    /** The small pod's memory limit (k8s-cronjob.yaml), which the JVM reads from its container. */
    public static final String POD_MEMORY_LIMIT = "320m";

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("runs", 7);
        Path jar = Path.of(System.getProperty("jar", "target/numbering.jar"));
        Path java17 = Path.of(System.getProperty("java17", "/usr/lib/jvm/java-17-openjdk-amd64"), "bin", "java");
        Path java25 = Path.of(System.getProperty("java25", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java");
        List<String> small = new ArrayList<>(options("fast.options", POD_OPTIONS));
        small.add("-XX:MaxRAM=" + System.getProperty("limit", POD_MEMORY_LIMIT));
        List<String> names = Arrays.asList(System.getProperty("variants", "plain,fast," + IMAGE).split(","));
        Path work = Path.of("target", "startup-benchmark");
        Map<String, StartupVariant> variants = new LinkedHashMap<>();
        for (String name : names) {
            variants.put(name, switch (name) {
                case "plain" -> StartupVariant.of(name, java17, jar.toAbsolutePath().getParent(),
                        options("plain.options", PLAIN_OPTIONS), jar.getFileName().toString());
                case "plain25" -> StartupVariant.of(name, java25, jar.toAbsolutePath().getParent(), PLAIN_OPTIONS,
                        jar.getFileName().toString());
                case "flags17" -> StartupVariant.of(name, java17, jar.toAbsolutePath().getParent(), small,
                        jar.getFileName().toString());
                case "fast" -> built(FastStartBuild.build(name, jar, java17, work.resolve(name), image(small), false));
                case "aot25" -> built(FastStartBuild.build(name, jar, java25, work.resolve(name), image(small), true));
                case "base" -> built(FastStartBuild.build(name, baseJar(), java17, work.resolve(name), small, false));
                default -> throw new IllegalArgumentException("unknown variant " + name);
            });
        }
        Map<String, List<Measurement>> results = new LinkedHashMap<>();
        variants.keySet().forEach(name -> results.put(name, new ArrayList<>()));
        String loadBefore = load();
        try (OutsideWorld world = OutsideWorld.start("startup")) {
            Finished setup = AppProcess.run(Map.of(), world.args("setupSharedSmsNumberJob", sms()).toArray(String[]::new));
            if (setup.exitCode() != 0) {
                throw new AssertionError("setupSharedSmsNumberJob failed: " + setup.output());
            }
            long tenant = world.jdbc().queryForObject("INSERT INTO tenants (name) VALUES ('Start-up') RETURNING id",
                    Long.class);
            List<StartupVariant> order = new ArrayList<>(variants.values());
            int alerts = 0;
            for (int round = 0; round < runs; round++) {
                for (StartupVariant variant : order) {
                    dueAlert(world, tenant, alerts++);
                    results.get(variant.name()).add(PodStart.run(variant, world.args("dispatchAlertsJob", sms()),
                            world.simulator()));
                }
                order.add(order.remove(0));
            }
            print(runs, results, loadBefore);
            StartupVariant image = variants.getOrDefault(IMAGE, variants.get("fast"));
            if (image != null) {
                otherJobs(world, image);
            }
        }
        System.exit(0);
    }

    /** The image's options: the pod's, and the build's ahead-of-time bean definitions. */
    private static List<String> image(List<String> pod) {
        List<String> options = new ArrayList<>(pod);
        options.addAll(IMAGE_OPTIONS);
        return options;
    }

    /**
     * {@code base}: the image before the ahead-of-time bean definitions, from another build's jar
     * ({@code -DbaseJar=…/numbering.jar}), to compare two commits.
     */
    private static Path baseJar() {
        String baseJar = System.getProperty("baseJar", "");
        if (baseJar.isBlank()) {
            throw new IllegalArgumentException("variant base needs -DbaseJar=<another build's numbering.jar>");
        }
        return Path.of(baseJar).toAbsolutePath();
    }

    private static StartupVariant built(FastStartBuild.Built built) {
        System.out.printf(Locale.ROOT, "%s: extracted, training run %.1f s, cache %.1f MiB (%s)%n",
                built.variant().name(), built.training().toMillis() / 1e3, built.cacheBytes() / 1048576.0,
                String.join(" ", built.variant().command()));
        return built.variant();
    }

    /** The limit is per pod and every CronJob has the same: the other jobs' peak RSS, once each, after dispatch's. */
    private static void otherJobs(OutsideWorld world, StartupVariant image) throws Exception {
        for (int n = 0; n < 20; n++) {
            world.jdbc().update("INSERT INTO tenants (name, phone, state) VALUES (?, ?, 'CA')", "Start-up " + n,
                    String.format("+1415555%04d", 8000 + n));
        }
        for (String job : List.of("provisionVoiceNumbersJob", "reconcileInventoryJob", "setupSharedSmsNumberJob")) {
            Measurement run = PodStart.run(image, world.args(job, sms()), world.simulator());
            System.out.printf(Locale.ROOT, "  %s, %s: first Telnyx call %.2f s, whole run %.2f s, peak RSS %.0f MiB, "
                    + "%d threads%n", job, image.name(), run.firstCall().toMillis() / 1e3, run.total().toMillis() / 1e3,
                    run.peakRssMib(), run.threads());
        }
    }

    private static void dueAlert(OutsideWorld world, long tenant, int n) {
        String to = String.format("+1415555%04d", 7000 + n);
        world.jdbc().update("INSERT INTO sms_consents (phone, opted_in_at, opt_in_method) VALUES (?, now(), 'b')", to);
        world.jdbc().update("INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key) "
                + "VALUES (?, ?, 'appointment_booked', 'Booked.', ?)", tenant, to, "start-" + n);
    }

    private static String[] sms() {
        return new String[] { "--numbering.sms.area-code=415", "--numbering.sms.public-base-url=https://alerts.example.test",
                "--numbering.sms.order-poll-interval=50ms" };
    }

    private static List<String> options(String property, List<String> defaults) {
        String value = System.getProperty(property);
        return (value == null) ? defaults : List.of(value.trim().split("\\s+"));
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static void print(int runs, Map<String, List<Measurement>> results, String loadBefore) throws Exception {
        System.out.printf(Locale.ROOT, "dispatchAlertsJob start-up: %d runs per variant, alternating; load average "
                + "before %s, after %s%n", runs, loadBefore, load());
        System.out.printf(Locale.ROOT, "  %-8s %-42s %-13s %-10s %s%n", "variant", "process start -> first Telnyx call (s)",
                "median", "whole run", "peak RSS MiB (median, max)");
        Map<String, double[]> medians = new LinkedHashMap<>();
        results.forEach((name, list) -> {
            double[] first = list.stream().mapToDouble(m -> m.firstCall().toMillis() / 1e3).toArray();
            double[] total = list.stream().mapToDouble(m -> m.total().toMillis() / 1e3).toArray();
            double[] rss = list.stream().mapToDouble(Measurement::peakRssMib).toArray();
            long threads = list.stream().mapToLong(Measurement::threads).max().orElse(0);
            medians.put(name, new double[] { median(first), median(rss) });
            System.out.printf(Locale.ROOT, "  %-8s %-42s %-13.2f %-10.2f %.0f, %.0f (%d threads)%n", name, join(first),
                    median(first), median(total), median(rss), Arrays.stream(rss).max().orElse(0), threads);
        });
        System.out.printf(Locale.ROOT, "  first request: %s%n", results.values().iterator().next().get(0).firstRequest());
        printBreakdown(results);
        double[] plain = medians.get("plain");
        medians.forEach((name, median) -> {
            if (plain != null && !name.equals("plain")) {
                System.out.printf(Locale.ROOT, "  %s vs plain: %.2fx faster to the first Telnyx call, peak RSS %.0f "
                        + "vs %.0f MiB (%.0f%%)%n", name, plain[0] / median[0], median[1], plain[1],
                        100 * median[1] / plain[1]);
            }
        });
    }

    /** Medians per segment (StartMilestones), in seconds, one column per variant; then CPU time per run. */
    private static void printBreakdown(Map<String, List<Measurement>> results) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-52s", "where the start goes (medians, s)"));
        results.keySet().forEach(name -> header.append(String.format(Locale.ROOT, " %8s", name)));
        System.out.println(header);
        for (String[] segment : StartMilestones.SEGMENTS) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-52s", segment[0]));
            results.values().forEach(list -> row.append(String.format(Locale.ROOT, " %8.2f",
                    median(list.stream().mapToDouble(m -> StartMilestones.segment(m.milestones(), segment) / 1e3)
                        .toArray()))));
            System.out.println(row);
        }
        StringBuilder inspection = new StringBuilder(String.format(Locale.ROOT, "  %-52s", "  of which the tenants table's inspection"));
        results.values().forEach(list -> inspection.append(String.format(Locale.ROOT, " %8.2f",
                median(list.stream().mapToDouble(m -> m.milestones().getOrDefault("inspection", -1L) / 1e3).toArray()))));
        System.out.println(inspection);
        StringBuilder cpu = new StringBuilder(String.format(Locale.ROOT, "  %-52s", "CPU time, whole run, all threads"));
        results.values().forEach(list -> cpu.append(String.format(Locale.ROOT, " %8.2f",
                median(list.stream().mapToDouble(m -> m.cpu().toMillis() / 1e3).toArray()))));
        System.out.println(cpu);
    }

    private static String join(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double value : values) {
            text.append(text.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.2f", value));
        }
        return text.toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

}
