package com.numbering.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a pod's start goes, read from the lines the application logs anyway (Spring Boot's start-up info, Hikari's
 * pool start, Flyway's check, Spring Batch's launch) at the levels {@link #LOGGING} turns on for the benchmark only,
 * each line stamped to the millisecond. Production logs none of them: they are INFO and DEBUG lines of loggers
 * application.yml keeps at WARN.
 */
final class StartMilestones {

    /** Arguments that make a run log its milestones, one per line: timestamp, logger, message. */
    static final List<String> LOGGING = List.of(
            "--logging.pattern.console=%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %logger %m%n",
            "--logging.level.com.zaxxer.hikari.HikariDataSource=INFO",
            "--logging.level.org.flywaydb.core.internal.command.DbMigrate=INFO",
            "--logging.level.org.springframework.batch.core.launch=INFO",
            "--logging.level.com.numbering.adoption=DEBUG");

    /** The segments, in order: name, the milestone it starts at, the one it ends at. */
    static final List<String[]> SEGMENTS = List.of(
            new String[] { "JVM start -> main", "start", "main" },
            new String[] { "main -> Spring's first line (environment, logging)", "main", "spring" },
            new String[] { "-> pool start (config classes, first beans)", "spring", "poolStart" },
            new String[] { "first PostgreSQL connection (Hikari start)", "poolStart", "poolStarted" },
            new String[] { "Flyway's validate/migrate check", "poolStarted", "migrated" },
            new String[] { "other beans -> context refreshed", "migrated", "refreshed" },
            new String[] { "launch (guard, checks, lock, recovery)", "refreshed", "launched" },
            new String[] { "job start -> first Telnyx call", "launched", "firstCall" });

    private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");

    private static final Pattern INSPECTED = Pattern.compile("Tenants table inspected in (\\d+) ms");

    private StartMilestones() {
    }

    /**
     * @return milliseconds from the process start to each milestone found, plus {@code inspection} (the tenants
     * table's inspection, a duration within "other beans")
     */
    static Map<String, Long> read(Path log, Instant started, Instant firstCall) throws IOException {
        Map<String, Long> at = new LinkedHashMap<>();
        at.put("start", 0L);
        for (String line : Files.readAllLines(log)) {
            String[] parts = line.split(" ", 3);
            if (parts.length < 3) {
                continue;
            }
            long millis;
            try {
                millis = OffsetDateTime.parse(parts[0]).toInstant().toEpochMilli() - started.toEpochMilli();
            }
            catch (DateTimeParseException notALogLine) {
                continue;
            }
            String message = parts[2];
            Matcher startedIn = STARTED.matcher(message);
            if (startedIn.find()) {
                // "in" counts from SpringApplication.run, which main() calls first
                at.put("main", millis - Math.round(Double.parseDouble(startedIn.group(1)) * 1000));
                at.put("refreshed", millis);
            }
            Matcher inspected = INSPECTED.matcher(message);
            if (inspected.find()) {
                at.put("inspection", Long.parseLong(inspected.group(1)));
            }
            if (message.startsWith("Starting ")) {
                at.putIfAbsent("spring", millis);
            }
            else if (message.endsWith("- Starting...")) {
                at.putIfAbsent("poolStart", millis);
            }
            else if (message.endsWith("- Start completed.")) {
                at.putIfAbsent("poolStarted", millis);
            }
            else if (message.contains("is up to date") || message.startsWith("Successfully applied")) {
                at.putIfAbsent("migrated", millis);
            }
            else if (message.contains("launched with the following parameters")) {
                at.putIfAbsent("launched", millis);
            }
        }
        at.put("firstCall", firstCall.toEpochMilli() - started.toEpochMilli());
        return at;
    }

    /** @return the segment's length in milliseconds, or -1 when a milestone is missing */
    static long segment(Map<String, Long> milestones, String[] segment) {
        Long from = milestones.get(segment[1]);
        Long to = milestones.get(segment[2]);
        return (from == null || to == null) ? -1 : to - from;
    }

}
