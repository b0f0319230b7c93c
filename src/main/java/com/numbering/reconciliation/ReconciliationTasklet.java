package com.numbering.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

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

    /**
     * Reads differences a batch at a time, keyset-paged on {@code key} (memory bounded by one batch however many
     * there are), and handles each.
     *
     * @param fetch the next batch after a key
     * @param handle true when the item produced a finding
     * @return how many items produced a finding
     */
    static <T, K> int inBatches(K first, Function<K, List<T>> fetch, Function<T, K> key, Predicate<T> handle,
            int batchSize) {
        int found = 0;
        K after = first;
        List<T> batch;
        do {
            batch = fetch.apply(after);
            for (T item : batch) {
                found += handle.test(item) ? 1 : 0;
                after = key.apply(item);
            }
        }
        while (batch.size() == batchSize);
        return found;
    }

    static boolean isDryRun(JobExecution job) {
        JobParameter<?> dryRun = job.getJobParameters().getParameter(DRY_RUN);
        return dryRun != null && "true".equalsIgnoreCase(String.valueOf(dryRun.value()));
    }

}
