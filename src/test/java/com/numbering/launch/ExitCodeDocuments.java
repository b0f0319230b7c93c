package com.numbering.launch;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * What README's exit-code table and the CronJobs' {@code podFailurePolicy} say about the codes {@link ExitCodes}
 * defines, as a list of problems (empty when they agree). Each check takes the document's text, so that a test can
 * hand it a broken one and see the problem reported.
 */
final class ExitCodeDocuments {

    /** 128 + SIGTERM: the JVM killed before a job ran or past its stop timeout. The platform's code, not ours. */
    static final int SIGTERM = 143;

    /** Stopped on purpose, the next schedule resumes the run: fail the Job without a pod retry. */
    static final Set<Integer> RESUMED_AT_NEXT_SCHEDULE = Set.of(ExitCodes.STOPPED, SIGTERM);

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");

    private static final Pattern CODES = Pattern.compile("\\d+(?:\\s*(?:,|/|\\bor\\b|\\band\\b)\\s*\\d+)*");

    private ExitCodeDocuments() {
    }

    /** Every {@code int} constant of {@link ExitCodes}, by code. */
    static Map<Integer, String> defined() throws IllegalAccessException {
        Map<Integer, String> codes = new TreeMap<>();
        for (Field field : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                codes.put(field.getInt(null), field.getName());
            }
        }
        return codes;
    }

    /** The first table of every section whose heading contains "Exit codes" against {@code defined}. */
    static List<String> tableProblems(String markdown, Map<Integer, String> defined) {
        List<String> problems = new ArrayList<>();
        List<String> rows = exitCodeRows(markdown);
        if (rows.isEmpty()) {
            return List.of("no table under a heading that contains \"Exit codes\"");
        }
        Map<Integer, Integer> rowsPerCode = new TreeMap<>();
        for (String row : rows) {
            String cell = row.split("\\|", -1)[1].replaceAll("[*`]", "").strip();
            if (!CODES.matcher(cell).matches()) {
                problems.add("the row \"" + row + "\" does not start with exit codes");
                continue;
            }
            Matcher code = Pattern.compile("\\d+").matcher(cell);
            while (code.find()) {
                rowsPerCode.merge(Integer.parseInt(code.group()), 1, Integer::sum);
            }
        }
        defined.forEach((code, name) -> {
            if (!rowsPerCode.containsKey(code)) {
                problems.add(code + " (" + name + ") has no row");
            }
        });
        rowsPerCode.forEach((code, count) -> {
            if (!defined.containsKey(code) && code != SIGTERM) {
                problems.add(code + " has a row but is not a code ExitCodes defines");
            }
            if (count > 1) {
                problems.add(code + " has " + count + " rows");
            }
        });
        return problems;
    }

    /** The data rows of the first table in each "Exit codes" section (up to the next heading of its level or above). */
    private static List<String> exitCodeRows(String markdown) {
        List<String> rows = new ArrayList<>();
        boolean fenced = false;
        int sectionLevel = 0;
        int tableLines = 0;
        boolean tableDone = false;
        for (String line : markdown.lines().toList()) {
            fenced ^= line.strip().startsWith("```");
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                int level = heading.group(1).length();
                if (heading.group(2).toLowerCase(Locale.ROOT).contains("exit codes")) {
                    sectionLevel = level;
                    tableLines = 0;
                    tableDone = false;
                }
                else if (level <= sectionLevel) {
                    sectionLevel = 0;
                }
            }
            else if (sectionLevel > 0 && !tableDone) {
                if (line.strip().startsWith("|")) {
                    tableLines++;
                    if (tableLines > 2) { // after the header and its |---| line
                        rows.add(line.strip());
                    }
                }
                else if (tableLines > 0) {
                    tableDone = true;
                }
            }
        }
        return rows;
    }

    /**
     * Every CronJob's {@code podFailurePolicy} against {@code defined}: it names no code ExitCodes does not define
     * (but {@link #SIGTERM}); its first rule for bad configuration fails the Job at once; the rule for a run stopped
     * on purpose names exactly {@link #RESUMED_AT_NEXT_SCHEDULE} and fails the Job without a retry.
     */
    @SuppressWarnings("unchecked")
    static List<String> policyProblems(String manifest, Map<Integer, String> defined) {
        List<String> problems = new ArrayList<>();
        int cronJobs = 0;
        for (Object document : new Yaml().loadAll(manifest)) {
            if (!(document instanceof Map<?, ?> object) || !"CronJob".equals(object.get("kind"))) {
                continue;
            }
            cronJobs++;
            String name = String.valueOf(((Map<String, Object>) object.get("metadata")).get("name"));
            Map<String, Object> jobSpec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) object
                .get("spec")).get("jobTemplate")).get("spec");
            if (!(jobSpec.get("podFailurePolicy") instanceof Map<?, ?> policy)) {
                problems.add(name + ": no podFailurePolicy");
                continue;
            }
            problems.addAll(ruleProblems(name, (List<Map<String, Object>>) policy.get("rules"), defined));
        }
        if (cronJobs == 0) {
            problems.add("no CronJob in the manifest");
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static List<String> ruleProblems(String cronJob, List<Map<String, Object>> rules,
            Map<Integer, String> defined) {
        List<String> problems = new ArrayList<>();
        Map<Integer, Map<String, Object>> firstRule = new TreeMap<>();
        for (Map<String, Object> rule : rules) {
            if (!(rule.get("onExitCodes") instanceof Map<?, ?> onExitCodes)) {
                continue;
            }
            if (!"In".equals(onExitCodes.get("operator"))) {
                problems.add(cronJob + ": a rule's operator is " + onExitCodes.get("operator") + ", this test reads In");
                continue;
            }
            for (Object value : (List<Object>) onExitCodes.get("values")) {
                int code = (Integer) value;
                firstRule.putIfAbsent(code, rule); // Kubernetes applies the first rule that matches
                if (!defined.containsKey(code) && code != SIGTERM) {
                    problems.add(cronJob + ": " + code + " is not a code ExitCodes defines");
                }
            }
        }
        Map<String, Object> configuration = firstRule.get(ExitCodes.CONFIGURATION);
        if (configuration == null || !"FailJob".equals(configuration.get("action"))) {
            problems.add(cronJob + ": " + ExitCodes.CONFIGURATION + " (bad configuration) must fail the Job at once, "
                    + "its first rule is " + (configuration == null ? "none" : configuration.get("action")));
        }
        Map<String, Object> stopped = firstRule.get(ExitCodes.STOPPED);
        Set<Integer> named = stopped == null ? Set.of()
                : new TreeSet<>((List<Integer>) ((Map<String, Object>) stopped.get("onExitCodes")).get("values"));
        if (!named.equals(new TreeSet<>(RESUMED_AT_NEXT_SCHEDULE)) || !"FailJob".equals(stopped.get("action"))) {
            problems.add(cronJob + ": the codes stopped on purpose " + new TreeSet<>(RESUMED_AT_NEXT_SCHEDULE)
                    + " must fail the Job without a retry, in one rule; the rule for " + ExitCodes.STOPPED + " is "
                    + (stopped == null ? "none" : stopped.get("action") + " " + named));
        }
        return problems;
    }

}
