package com.numbering.launch;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ExitCodesTests {

    /** The codes README "Exit codes" documents and the CronJob's podFailurePolicy knows. */
    private static final Set<Integer> DOCUMENTED = Set.of(ExitCodes.OK, ExitCodes.STARTUP_FAILED, ExitCodes.STOPPED,
            ExitCodes.JOB_FAILED, ExitCodes.JOB_ABANDONED, ExitCodes.JOB_OUTCOME_UNKNOWN, ExitCodes.CONFIGURATION);

    @Test
    void everyBatchStatusMapsToADocumentedExitCode() {
        for (BatchStatus status : BatchStatus.values()) {
            assertThat(DOCUMENTED).as(status.name()).contains(ExitCodes.of(status));
        }
    }

    @Test
    void aJobWhoseOutcomeCouldNotBeRecordedExitsWithItsOwnCode() {
        assertThat(ExitCodes.of(BatchStatus.UNKNOWN)).isEqualTo(7);
        assertThat(ExitCodes.of(BatchStatus.FAILED)).isEqualTo(5);
        assertThat(ExitCodes.of(BatchStatus.COMPLETED)).isZero();
    }

}
