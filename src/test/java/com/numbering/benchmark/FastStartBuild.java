package com.numbering.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the image build does for the fast-start variant (docs/operations.md "Build the image and roll out"), with the
 * same commands: the jar extracted ({@code -Djarmode=tools extract}), then a training run without a database
 * ({@code -Dspring.context.exit=onRefresh}) that records the JVM's AOT cache ({@code -XX:AOTCacheOutput}, Java 25) or
 * CDS archive ({@code -XX:ArchiveClassesAtExit}, Java 17).
 */
public final class FastStartBuild {

    /**
     * What the training run needs to create its beans: values of the right shape, none of them real (the image build
     * passes the same, after the pod's JVM options, in TRAINING_RUN_JAVA_TOOL_OPTIONS: pom.xml).
     */
    public static final List<String> TRAINING_OPTIONS = List.of(
            "-Dspring.datasource.url=jdbc:postgresql://training.invalid:5432/training",
            "-Dnumbering.telnyx.api-key=training", "-Dnumbering.telnyx.voice-connection-id=training");

    private FastStartBuild() {
    }

    /**
     * @param aotCache Java 25's AOT cache, else a CDS archive
     * @return the variant that starts the extracted application with the recorded cache
     */
    static Built build(String name, Path jar, Path java, Path directory, List<String> jvmOptions, boolean aotCache)
            throws Exception {
        deleteRecursively(directory);
        Files.createDirectories(directory.getParent());
        run(directory.getParent(), List.of(java.toString(), "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(),
                "extract", "--destination", directory.toAbsolutePath().toString()));
        String cache = aotCache ? "app.aot" : "app.jsa";
        List<String> training = new ArrayList<>(List.of(java.toString()));
        training.addAll(jvmOptions);
        training.add(aotCache ? "-XX:AOTCacheOutput=" + cache : "-XX:ArchiveClassesAtExit=" + cache);
        training.addAll(TRAINING_OPTIONS);
        training.add("-Dspring.context.exit=onRefresh");
        training.addAll(List.of("-jar", jar.getFileName().toString()));
        long start = System.nanoTime();
        run(directory, training);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!Files.isRegularFile(directory.resolve(cache))) {
            throw new AssertionError("the training run wrote no " + cache + " in " + directory);
        }
        List<String> options = new ArrayList<>(jvmOptions);
        options.add(aotCache ? "-XX:AOTCache=" + cache : "-XX:SharedArchiveFile=" + cache);
        StartupVariant variant = StartupVariant.of(name, java, directory, options, jar.getFileName().toString());
        return new Built(variant, took, Files.size(directory.resolve(cache)));
    }

    private static void run(Path directory, List<String> command) throws Exception {
        Path log = Files.createTempFile("numbering-build", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " failed: " + Files.readString(log));
        }
        Files.delete(log);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /**
     * @param training how long the training run took
     * @param cacheBytes the size of the recorded cache (it ships in the image)
     */
    record Built(StartupVariant variant, Duration training, long cacheBytes) {
    }

}
