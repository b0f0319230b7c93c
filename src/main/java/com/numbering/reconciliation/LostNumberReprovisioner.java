package com.numbering.reconciliation;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.numbering.privacy.Redaction;
import com.numbering.reconciliation.DiscrepancyRepository.LostNumber;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.OwnedNumber;

/**
 * Policy 3: an active tenant whose recorded number is absent from the inventory, deleted or ported out is marked
 * for re-provisioning (number, id, order and reference cleared, status NULL, the reason kept), so that
 * provisionVoiceNumbersJob gives it a new number. An absent number is looked up once more by itself before that:
 * a release during paging shifts the pages and can hide a number that is still there.
 */
final class LostNumberReprovisioner extends ReconciliationTasklet {

    private static final Logger log = LoggerFactory.getLogger(LostNumberReprovisioner.class);

    private final DiscrepancyRepository discrepancies;

    private final TenantRepairRepository tenants;

    private final FindingRepository findings;

    private final TelnyxGateway telnyx;

    private final int batchSize;

    LostNumberReprovisioner(DiscrepancyRepository discrepancies, TenantRepairRepository tenants,
            FindingRepository findings, TelnyxGateway telnyx, int batchSize) {
        this.discrepancies = discrepancies;
        this.tenants = tenants;
        this.findings = findings;
        this.telnyx = telnyx;
        this.batchSize = batchSize;
    }

    @Override
    int reconcile(Run run) {
        return inBatches((String) null, after -> this.discrepancies.lostNumbers(run, after, this.batchSize),
                LostNumber::tenantId,
                lost -> handle(run, lost), this.batchSize);
    }

    private boolean handle(Run run, LostNumber lost) {
        String status = lost.inventoryStatus();
        if (status == null) {
            Optional<OwnedNumber> still = this.telnyx.findOwnedNumber(lost.phoneNumber());
            if (still.isPresent() && !PendingOrderFollower.isGone(still.get())) {
                return false; // hidden by a page shift: it is still ours
            }
            status = still.map(OwnedNumber::status).orElse(null);
        }
        String reason = status == null ? "number no longer in the Telnyx account" : "number is " + status + " at Telnyx";
        if (!run.dryRun() && !this.tenants.markForReprovisioning(lost.tenantId(), lost.phoneNumber(),
                "reconciliation: " + reason)) {
            return false;
        }
        log.warn("Tenant {}: {} {}; {}", lost.tenantId(), Redaction.phone(lost.phoneNumber()), reason,
                FindingAction.MARKED_FOR_REPROVISIONING.column(run.dryRun()));
        this.findings.record(run, new Finding(FindingKind.NUMBER_GONE, lost.phoneNumber(), lost.tenantId(),
                lost.numberId(), FindingAction.MARKED_FOR_REPROVISIONING, reason));
        return true;
    }

}
