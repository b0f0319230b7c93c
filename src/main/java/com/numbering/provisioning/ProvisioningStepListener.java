package com.numbering.provisioning;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import com.numbering.numbers.OrderLimits;

/**
 * The end of a provisioning run: every tenant handed to a worker settles first, then the run's orders are counted
 * and a run whose ordering a guardrail stopped says so in its exit status.
 */
final class ProvisioningStepListener implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningStepListener.class);

    private final ExecutorService workers;

    private final OrderLimits limits;

    private final MeterRegistry meters;

    private final Runnable dryRunSummary;

    /**
     * @param workers the run's own pool, the step's task executor
     * @param dryRunSummary what a dry run prints at its end; nothing for a real run
     */
    ProvisioningStepListener(ExecutorService workers, OrderLimits limits, MeterRegistry meters,
            Runnable dryRunSummary) {
        this.workers = workers;
        this.limits = limits;
        this.meters = meters;
        this.dryRunSummary = dryRunSummary;
    }

    /**
     * A run whose ordering a guardrail stopped ends {@code ORDERING_STOPPED} (exit code 4, README "Exit codes"):
     * the work it did is kept, the tenants it could not serve wait for the next run, and ops are told.
     */
    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        settle();
        this.dryRunSummary.run();
        this.meters.counter("numbering.provisioning.orders.placed").increment(this.limits.placed());
        Optional<OrderLimits.Stop> stopped = this.limits.stopped();
        // Every reason is pushed, at 0 when it did not happen, so that alert rules always have a series to read.
        for (OrderLimits.Stop why : OrderLimits.Stop.values()) {
            this.meters.counter("numbering.provisioning.orders.stopped", "reason", why.label())
                .increment(stopped.filter(why::equals).isPresent() ? 1 : 0);
        }
        return stopped.map(why -> new ExitStatus(OrderLimits.STOPPED_EXIT_STATUS,
                "ordering stopped for this run: " + why.label()))
            .orElse(null);
    }

    /**
     * The step stops collecting a chunk at its first failed tenant, while the chunk's other tenants are still at
     * work: each finishes its purchase and records where it stands before the run ends and its lock is released.
     */
    private void settle() {
        this.workers.shutdown();
        try {
            while (!this.workers.awaitTermination(30, TimeUnit.SECONDS)) {
                log.info("Waiting for the tenants still being provisioned to settle before the run ends");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while tenants were still being provisioned; their rows say where they stand");
        }
    }

}
