package com.numbering.reconciliation;

import java.util.function.Function;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * Makes a policy's step: the differences its step-scoped reader pages through, {@code chunkSize}
 * ({@link ReconciliationProperties#repairBatchSize()}) at a time, handed to the policy's writer, which is a step
 * listener too (it learns its run when the step starts).
 * <p>
 * No transaction manager is given, so Spring Batch runs each chunk in a resourceless transaction: a database
 * transaction around a writer that calls Telnyx would hold back the repairs already made after their calls (the
 * repositories commit each repair on its own) and keep a connection open for the length of the calls. Nothing is
 * retried or skipped: a failure fails the step, and a restart stages the inventory again and reads every
 * comparison from the start, which finds only what is still different.
 */
record PolicySteps(JobRepository jobRepository, Repairs repairs, int chunkSize) {

    <T> Step step(String name, ItemReader<T> differences, Function<Repairs, PolicyWriter<T>> policy) {
        return new StepBuilder(name, this.jobRepository).<T, T>chunk(this.chunkSize)
            .reader(differences)
            .writer(policy.apply(this.repairs))
            .build();
    }

}
