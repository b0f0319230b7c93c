package com.numbering.reconciliation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.numbering.privacy.Redaction;
import com.numbering.reconciliation.DiscrepancyRepository.MisattachedNumber;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.NumberUpdate;

/**
 * Policy 4: a tenant number off the configured voice connection is re-attached ({@code PATCH /phone_numbers/{id}});
 * the shared SMS number off the messaging profile in {@code system_config} is re-assigned
 * ({@code PATCH /phone_numbers/{id}/messaging}). Both writes are idempotent. A refusal is recorded and the run goes
 * on with the next number.
 */
final class SettingsRepairer extends ReconciliationTasklet {

    private static final Logger log = LoggerFactory.getLogger(SettingsRepairer.class);

    private final DiscrepancyRepository discrepancies;

    private final FindingRepository findings;

    private final TelnyxGateway telnyx;

    private final String voiceConnectionId;

    private final int batchSize;

    SettingsRepairer(DiscrepancyRepository discrepancies, FindingRepository findings, TelnyxGateway telnyx,
            String voiceConnectionId, int batchSize) {
        this.discrepancies = discrepancies;
        this.findings = findings;
        this.telnyx = telnyx;
        this.voiceConnectionId = voiceConnectionId;
        this.batchSize = batchSize;
    }

    @Override
    int reconcile(Run run) {
        int found = inBatches("", after -> this.discrepancies.wrongConnections(this.voiceConnectionId, after,
                this.batchSize), MisattachedNumber::numberId, number -> {
                    repair(run, number, FindingKind.WRONG_CONNECTION, FindingAction.REATTACHED,
                            () -> this.telnyx.updateNumber(number.numberId(),
                                    new NumberUpdate(this.voiceConnectionId, null, null)));
                    return true;
                }, this.batchSize);
        return found + this.discrepancies.smsProfileDrift().map(sms -> {
            repair(run, sms, FindingKind.SMS_PROFILE_DRIFT, FindingAction.REASSIGNED,
                    () -> this.telnyx.assignMessagingProfile(sms.numberId(), sms.wanted()));
            return 1;
        }).orElse(0);
    }

    private void repair(Run run, MisattachedNumber number, FindingKind kind, FindingAction action, Runnable call) {
        String details = "was on " + (number.current() == null ? "nothing" : number.current());
        FindingAction outcome = action;
        if (!run.dryRun()) {
            try {
                call.run();
            }
            catch (TelnyxException.Rejected ex) {
                outcome = FindingAction.FAILED;
                details = details + "; Telnyx refused: " + Redaction.text(ex.getMessage());
            }
        }
        log.warn("{} {}: {} ({})", kind.column(), Redaction.phone(number.phoneNumber()), outcome.column(run.dryRun()),
                details);
        this.findings.record(run, new Finding(kind, number.phoneNumber(), number.tenantId(), number.numberId(),
                outcome, details));
    }

}
