package com.numbering.reconciliation;

import java.time.Instant;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;

/**
 * One reconciliation run.
 *
 * @param jobExecutionId the key of its findings
 * @param dryRun report everything, change nothing (neither at Telnyx nor in tenants / system_config)
 * @param stagedFrom when listing the inventory began: rows our jobs changed after it are not judged against a
 *        snapshot that may predate the change
 */
record Run(long jobExecutionId, boolean dryRun, Instant stagedFrom) {

    /** The job parameter that turns a run into a report: {@code dryRun=true}. */
    static final String DRY_RUN = "dryRun";

    /** The run of a job execution whose inventory has been staged ({@link InventoryStager#STAGED_FROM}). */
    static Run of(JobExecution job) {
        String stagedFrom = job.getExecutionContext().getString(InventoryStager.STAGED_FROM);
        return new Run(job.getId(), isDryRun(job), Instant.parse(stagedFrom));
    }

    static boolean isDryRun(JobExecution job) {
        JobParameter<?> dryRun = job.getJobParameters().getParameter(DRY_RUN);
        return dryRun != null && "true".equalsIgnoreCase(String.valueOf(dryRun.value()));
    }

}
