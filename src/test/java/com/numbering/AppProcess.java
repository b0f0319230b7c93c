package com.numbering;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application as its own process, as Kubernetes runs it: same classpath, its own JVM, a real exit code, and a
 * real kill.
 */
public final class AppProcess {

    private final Process process;

    private final Path log;

    private AppProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static AppProcess start(Map<String, String> environment, List<String> args) throws IOException {
        return start(NumberingApplication.class, environment, args);
    }

    /** Starts {@code main}'s {@code main()} (the application, or a test application such as the demo's). */
    public static AppProcess start(Class<?> main, Map<String, String> environment, List<String> args)
            throws IOException {
        return start(main, environment, List.of(), args);
    }

    /** Like {@link #start(Class, Map, List)}, with JVM options (a heap size, a JIT setting) before the class. */
    public static AppProcess start(Class<?> main, Map<String, String> environment, List<String> jvmOptions,
            List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        Path log = Files.createTempFile("numbering-process", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("TELNYX_API_KEY");
        builder.environment().remove("SPRING_BATCH_JOB_NAME");
        builder.environment().putAll(environment);
        return new AppProcess(builder.start(), log);
    }

    /** Runs to the end (three minutes at most) and returns the exit code with everything it printed. */
    public static Finished run(Map<String, String> environment, String... args) throws Exception {
        return start(environment, List.of(args)).waitForExit();
    }

    public Finished waitForExit() throws Exception {
        if (!this.process.waitFor(3, TimeUnit.MINUTES)) {
            this.process.destroyForcibly();
            throw new AssertionError("the process did not end: " + output());
        }
        return new Finished(this.process.exitValue(), output());
    }

    /** SIGTERM, as Kubernetes sends it: shutdown hooks run (graceful stop). */
    public void terminate() {
        this.process.destroy();
    }

    /** SIGKILL: no shutdown hook, no finally block, no last commit. */
    public void kill() throws InterruptedException {
        this.process.destroyForcibly();
        this.process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return this.process.isAlive();
    }

    public String output() throws IOException {
        return Files.readString(this.log, StandardCharsets.UTF_8);
    }

    public record Finished(int exitCode, String output) {
    }

}
