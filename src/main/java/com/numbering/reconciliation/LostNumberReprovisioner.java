package com.numbering.reconciliation;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.numbering.privacy.Redaction;
import com.numbering.reconciliation.DiscrepancyRepository.LostNumber;
import com.numbering.telnyx.TelnyxGateway.OwnedNumber;

/**
 * Policy 3: an active tenant whose recorded number is absent from the inventory, deleted or ported out is marked
 * for re-provisioning (number, id, order and reference cleared, status NULL, the reason kept), so that
 * provisionVoiceNumbersJob gives it a new number. An absent number is looked up once more by itself before that:
 * a release during paging shifts the pages and can hide a number that is still there.
 */
final class LostNumberReprovisioner extends PolicyWriter<LostNumber> {

    private static final Logger log = LoggerFactory.getLogger(LostNumberReprovisioner.class);

    LostNumberReprovisioner(Repairs repairs) {
        super(repairs);
    }

    @Override
    boolean handle(LostNumber lost) {
        String status = lost.inventoryStatus();
        if (status == null) {
            Optional<OwnedNumber> still = telnyx().findOwnedNumber(lost.phoneNumber());
            if (still.isPresent() && !still.get().isGone()) {
                return false; // hidden by a page shift: it is still ours
            }
            status = still.map(OwnedNumber::status).orElse(null);
        }
        String reason = status == null ? "number no longer in the Telnyx account" : "number is " + status + " at Telnyx";
        if (!dryRun() && !tenants().markForReprovisioning(lost.tenantId(), lost.phoneNumber(),
                "reconciliation: " + reason)) {
            return false;
        }
        log.warn("Tenant {}: {} {}; {}", lost.tenantId(), Redaction.phone(lost.phoneNumber()), reason,
                FindingAction.MARKED_FOR_REPROVISIONING.column(dryRun()));
        record(new Finding(FindingKind.NUMBER_GONE, lost.phoneNumber(), lost.tenantId(),
                lost.numberId(), FindingAction.MARKED_FOR_REPROVISIONING, reason));
        return true;
    }

}
