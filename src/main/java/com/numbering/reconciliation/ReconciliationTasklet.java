package com.numbering.reconciliation;

import java.time.Instant;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * One policy applied to the staged inventory. The differences are read from PostgreSQL a batch at a time and each
 * repair commits on its own right after its Telnyx call, so a failed step restarts without redoing what was done
 * (every comparison only finds what is still different).
 */
abstract class ReconciliationTasklet implements Tasklet {

    /** The job parameter that turns a run into a report: {@code dryRun=true}. */
    static final String DRY_RUN = "dryRun";

    @Override
    public final RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution job = contribution.getStepExecution().getJobExecution();
        String stagedFrom = job.getExecutionContext().getString(InventoryStager.STAGED_FROM);
        Run run = new Run(job.getId(), isDryRun(job), Instant.parse(stagedFrom));
        contribution.incrementWriteCount(reconcile(run));
        return RepeatStatus.FINISHED;
    }

    /** @return how many findings this policy recorded */
    abstract int reconcile(Run run);

    static boolean isDryRun(JobExecution job) {
        JobParameter<?> dryRun = job.getJobParameters().getParameter(DRY_RUN);
        return dryRun != null && "true".equalsIgnoreCase(String.valueOf(dryRun.value()));
    }

}
