package com.numbering.reconciliation;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.numbering.privacy.Redaction;
import com.numbering.reconciliation.UnownedNumberRepository.Unowned;
import com.numbering.support.SpendFence;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.TelnyxGateway;

/**
 * Policy 5: numbers nobody owns and numbers of deactivated tenants are reported, every run. They are released
 * ({@code DELETE /phone_numbers/{id}}) only when the release policy is on, once first reported at least the
 * quarantine ago, oldest first and never more than the cap per run. Releasing is the one thing this job does that
 * cannot be undone, hence off by default.
 */
final class UnownedNumberReleaser implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(UnownedNumberReleaser.class);

    private final UnownedNumberRepository unowned;

    private final TenantRepairRepository tenants;

    private final TelnyxGateway telnyx;

    private final ReconciliationProperties policy;

    private final SpendFence fence;

    UnownedNumberReleaser(UnownedNumberRepository unowned, TenantRepairRepository tenants, TelnyxGateway telnyx,
            ReconciliationProperties policy, SpendFence fence) {
        this.fence = fence;
        this.unowned = unowned;
        this.tenants = tenants;
        this.telnyx = telnyx;
        this.policy = policy;
    }

    /** A tasklet rather than a policy step: one report, then at most the cap of releases, not a paged read. */
    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        contribution.incrementWriteCount(reconcile(Run.of(contribution.getStepExecution().getJobExecution())));
        return RepeatStatus.FINISHED;
    }

    /** @return how many numbers were reported */
    int reconcile(Run run) {
        if (!run.dryRun()) {
            this.unowned.remember();
        }
        int reported = this.unowned.report(run, this.policy);
        if (this.policy.releaseEnabled() && this.policy.releaseCap() > 0) {
            List<Unowned> due = this.unowned.dueForRelease(run, this.policy.releaseQuarantine(),
                    this.policy.releaseCap());
            due.forEach(number -> release(run, number));
            this.unowned.overCap(run, this.policy.releaseCap());
        }
        return reported;
    }

    private void release(Run run, Unowned number) {
        String details = "unowned since at least the quarantine of " + this.policy.releaseQuarantine();
        FindingAction outcome = FindingAction.RELEASED;
        if (!run.dryRun()) {
            try {
                this.fence.check("DELETE /phone_numbers/{id}");
                this.telnyx.releaseNumber(number.numberId());
                this.unowned.released(number.phoneNumber());
                if (number.tenantId() != null) {
                    this.tenants.forgetReleased(number.tenantId(), number.phoneNumber(),
                            "reconciliation: number released, tenant deactivated");
                }
            }
            catch (TelnyxException.Rejected ex) {
                outcome = FindingAction.FAILED;
                details = "release refused: " + Redaction.text(ex.getMessage());
            }
        }
        log.warn("{} {}: {}", number.kind(), Redaction.phone(number.phoneNumber()), outcome.column(run.dryRun()));
        this.unowned.resolve(run, number.phoneNumber(), outcome.column(run.dryRun()), details);
    }

}
