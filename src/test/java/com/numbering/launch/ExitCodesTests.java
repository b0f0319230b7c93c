package com.numbering.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exit codes as their readers see them: Spring Batch's statuses mapped onto them, README's "Exit codes" table for
 * ops, and each CronJob's {@code podFailurePolicy} in {@code k8s-cronjob.yaml}. A code added to {@link ExitCodes}
 * without a row, a row or a policy value that is no code of ours, or a policy that retries bad configuration fails
 * here; the last two tests hand the same checks a broken table and a broken policy.
 */
class ExitCodesTests {

    private static final Path README = Path.of("README.md");

    private static final Path MANIFEST = Path.of("k8s-cronjob.yaml");

    @Test
    void everyBatchStatusMapsToACodeExitCodesDefines() throws Exception {
        Map<Integer, String> defined = ExitCodeDocuments.defined();
        for (BatchStatus status : BatchStatus.values()) {
            assertThat(defined).as(status.name()).containsKey(ExitCodes.of(status));
        }
    }

    @Test
    void aJobWhoseOutcomeCouldNotBeRecordedExitsWithItsOwnCode() {
        assertThat(ExitCodes.of(BatchStatus.UNKNOWN)).isEqualTo(7);
        assertThat(ExitCodes.of(BatchStatus.FAILED)).isEqualTo(5);
        assertThat(ExitCodes.of(BatchStatus.COMPLETED)).isZero();
    }

    @Test
    void readmesExitCodeTableHasARowForEveryCodeAndNoOther() throws Exception {
        // given
        String readme = Files.readString(README);
        // when
        var problems = ExitCodeDocuments.tableProblems(readme, ExitCodeDocuments.defined());
        // then
        assertThat(problems).as("README \"Exit codes\" against ExitCodes").isEmpty();
    }

    @Test
    void everyCronJobFailsAtOnceOnBadConfigurationAndNamesOnlyCodesExitCodesDefines() throws Exception {
        // given
        String manifest = Files.readString(MANIFEST);
        // when
        var problems = ExitCodeDocuments.policyProblems(manifest, ExitCodeDocuments.defined());
        // then
        assertThat(problems).as("k8s-cronjob.yaml's podFailurePolicy against ExitCodes").isEmpty();
    }

    @Test
    void theTableCheckReportsACodeWithoutARowAndARowWithoutACode() throws Exception {
        // given a table that lost 4's row, gained a 9 and a row that is not codes; 4 only in the next section's table
        String readme = """
                # Numbering
                ### Exit codes
                | code | meaning |
                |---|---|
                | 0 | completed |
                | **1, 5, 6, 7** | failed |
                | 9 | a code nobody defined |
                | 75 | stopped |
                | 78 | bad configuration |
                | 143 | SIGTERM |
                | see below | prose |

                ### Graceful stop
                ```bash
                # Exit codes of a rerun: a comment in a code block, no heading
                ```
                | exit | not the exit code table |
                |---|---|
                | 4 | guardrail |
                """;
        // when
        var problems = ExitCodeDocuments.tableProblems(readme, ExitCodeDocuments.defined());
        // then
        assertThat(problems).containsExactlyInAnyOrder("the row \"| see below | prose |\" does not start with exit codes",
                "4 (ORDERING_STOPPED) has no row", "9 has a row but is not a code ExitCodes defines");
        assertThat(ExitCodeDocuments.tableProblems("# Numbering\n| 0 | ok |\n", ExitCodeDocuments.defined()))
            .containsExactly("no table under a heading that contains \"Exit codes\"");
    }

    @Test
    void thePolicyCheckReportsARetriedConfigurationErrorAnUnknownCodeAndAMissingPolicy() throws Exception {
        // given one CronJob that counts 78 as a retry and fails on a 3, one without a policy
        String manifest = """
                kind: ConfigMap
                metadata: {name: numbering-config}
                ---
                kind: CronJob
                metadata: {name: numbering-broken}
                spec:
                  jobTemplate:
                    spec:
                      podFailurePolicy:
                        rules:
                        - action: Ignore
                          onPodConditions: [{type: DisruptionTarget}]
                        - action: Count
                          onExitCodes: {containerName: numbering, operator: In, values: [78]}
                        - action: FailJob
                          onExitCodes: {containerName: numbering, operator: In, values: [75, 143, 3]}
                ---
                kind: CronJob
                metadata: {name: numbering-unguarded}
                spec: {jobTemplate: {spec: {backoffLimit: 0}}}
                """;
        // when
        var problems = ExitCodeDocuments.policyProblems(manifest, ExitCodeDocuments.defined());
        // then
        assertThat(problems).containsExactlyInAnyOrder("numbering-broken: 3 is not a code ExitCodes defines",
                "numbering-broken: 78 (bad configuration) must fail the Job at once, its first rule is Count",
                "numbering-broken: the codes stopped on purpose [75, 143] must fail the Job without a retry, in one "
                        + "rule; the rule for 75 is FailJob [3, 75, 143]",
                "numbering-unguarded: no podFailurePolicy");
        assertThat(ExitCodeDocuments.policyProblems("kind: ConfigMap\n", ExitCodeDocuments.defined()))
            .containsExactly("no CronJob in the manifest");
    }

}
