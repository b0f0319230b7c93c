package com.numbering.reconciliation;

import java.util.Iterator;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.numbering.telnyx.TelnyxGateway;

/**
 * One policy applied to the differences its step reads: each difference is handled on its own, its Telnyx call (if
 * any), then its repair (compare-and-set, committed by the repository), then its finding, before the next one. The
 * step has no chunk transaction to hold these back (see {@link PolicySteps}).
 * <p>
 * A difference the policy leaves alone (an order still running, a number a page shift hid, a repair a concurrent
 * run made first) is taken out of the chunk, so that the step's write count is the number of findings recorded.
 */
abstract class PolicyWriter<T> implements ItemWriter<T>, StepExecutionListener {

    private final Repairs repairs;

    private Run run;

    PolicyWriter(Repairs repairs) {
        this.repairs = repairs;
    }

    /** The run is known once the inventory is staged, when this policy's step starts. */
    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.run = Run.of(stepExecution.getJobExecution());
    }

    @Override
    public final void write(Chunk<? extends T> differences) {
        for (Iterator<? extends T> each = differences.iterator(); each.hasNext();) {
            if (!handle(each.next())) {
                each.remove();
            }
        }
    }

    /** @return true when the difference produced a finding */
    abstract boolean handle(T difference);

    final boolean dryRun() {
        return this.run.dryRun();
    }

    final TelnyxGateway telnyx() {
        return this.repairs.telnyx();
    }

    final TenantRepairRepository tenants() {
        return this.repairs.tenants();
    }

    final void record(Finding finding) {
        this.repairs.findings().record(this.run, finding);
    }

}
