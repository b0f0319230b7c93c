package com.numbering.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import com.numbering.AppProcess;
import com.numbering.AppProcess.Finished;
import com.numbering.OutsideWorld;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logs as Kubernetes collects them (JSON, one object per line, as the ConfigMap sets it): each line names its
 * run ({@link RunLogContext}) and carries no secret or phone number ({@link LogMasking}).
 */
class JsonLogProcessTests {

    private static final String WRONG_KEY = "KEY0123456789ABCDEF0123456789ABCDEF_wrongWrongWrong";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRunLogsOneJsonObjectPerLineWithTheJobNameAndExecutionIdAndNoFullPhoneNumber() throws Exception {
        try (OutsideWorld world = OutsideWorld.start("jsonlog")) {
            // given
            world.jdbc().update("INSERT INTO tenants (name, phone, state) VALUES ('Log Co', '(415) 555-2671', 'CA')");
            // when
            Finished run = AppProcess.run(Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"),
                    world.args("provisionVoiceNumbersJob", "--numbering.provisioning.order-poll-interval=50ms")
                        .toArray(String[]::new));
            // then
            assertThat(run.exitCode()).as(run.output()).isZero();
            List<JsonNode> records = parse(run.output());
            List<JsonNode> ofTheRun = records.stream()
                .filter(record -> text(record, "log.logger").startsWith("com.numbering.provisioning")
                        || text(record, "message").contains("provisionVoiceNumbersJob COMPLETED"))
                .toList();
            assertThat(ofTheRun).as(run.output()).isNotEmpty().allSatisfy(record -> {
                assertThat(text(record, "job.name")).isEqualTo("provisionVoiceNumbersJob");
                assertThat(text(record, "job.execution.id")).matches("\\d+");
            });
            assertThat(run.output()).doesNotContainPattern("\\+1\\d{10}").doesNotContain("555-2671");
        }
    }

    @Test
    void aWorkerThreadsWarningCarriesTheJobNameAndExecutionIdOfItsRun() throws Exception {
        try (OutsideWorld world = OutsideWorld.start("jsonlog_worker")) {
            // given a tenant whose order answer is lost: a provisioning worker warns that its outcome is unknown
            world.jdbc()
                .update("INSERT INTO tenants (name, phone, state) VALUES ('Worker Co', '(415) 555-2671', 'CA')");
            world.simulator().control().dropAfterProcessing("POST", "/number_orders", 1);
            // when
            Finished run = AppProcess.run(Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"),
                    world.args("provisionVoiceNumbersJob", "--numbering.provisioning.order-poll-interval=50ms")
                        .toArray(String[]::new));
            // then the worker's lines say which run wrote them, as the launching thread's do
            assertThat(run.exitCode()).as(run.output()).isZero();
            List<JsonNode> records = parse(run.output());
            String executionId = records.stream()
                .filter(record -> text(record, "message").contains("provisionVoiceNumbersJob COMPLETED"))
                .map(record -> text(record, "job.execution.id"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no summary line: " + run.output()));
            List<JsonNode> ofWorkers = records.stream()
                .filter(record -> text(record, "process.thread.name").startsWith("provisioning-worker"))
                .toList();
            assertThat(ofWorkers).as(run.output())
                .anySatisfy(record -> assertThat(text(record, "log.level")).isEqualTo("WARN"))
                .allSatisfy(record -> {
                    assertThat(text(record, "job.name")).isEqualTo("provisionVoiceNumbersJob");
                    assertThat(text(record, "job.execution.id")).isEqualTo(executionId);
                });
        }
    }

    @Test
    void aRejectedApiKeyIsLoggedAsJsonWithoutTheKey() throws Exception {
        try (OutsideWorld world = OutsideWorld.start("jsonlog_401")) {
            // given the simulator answers 401 to a key it does not know
            world.jdbc().update("INSERT INTO tenants (name, phone, state) VALUES ('Key Co', '(415) 555-2671', 'CA')");
            List<String> args = new ArrayList<>(world.args("provisionVoiceNumbersJob"));
            args.add("--numbering.telnyx.api-key=" + WRONG_KEY);
            // when
            Finished run = AppProcess.run(Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"), args.toArray(String[]::new));
            // then
            assertThat(run.exitCode()).as(run.output()).isNotZero();
            parse(run.output());
            assertThat(run.output()).doesNotContain(WRONG_KEY)
                .doesNotContain("0123456789ABCDEF0123456789ABCDEF")
                .doesNotContainPattern("\\+1\\d{10}");
        }
    }

    private List<JsonNode> parse(String output) {
        List<JsonNode> records = new ArrayList<>();
        output.lines().filter(line -> !line.isBlank()).forEach(line -> {
            try {
                records.add(this.json.readTree(line));
            }
            catch (Exception ex) {
                throw new AssertionError("not a JSON log line: " + line, ex);
            }
        });
        return records;
    }

    /** A field, flat ("job.name") or nested ({"job":{"name":…}}) as the ECS writer may render MDC keys. */
    private static String text(JsonNode record, String key) {
        JsonNode flat = record.get(key);
        if (flat != null) {
            return flat.asText();
        }
        JsonNode nested = record.at("/" + key.replace('.', '/'));
        return nested.isMissingNode() ? "" : nested.asText();
    }

}
