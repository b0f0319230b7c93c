package com.numbering.reconciliation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.numbering.privacy.Redaction;
import com.numbering.reconciliation.DiscrepancyRepository.MisattachedNumber;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.TelnyxGateway.NumberUpdate;

/**
 * Policy 4: a tenant number off the configured voice connection is re-attached ({@code PATCH /phone_numbers/{id}});
 * the shared SMS number off the messaging profile in {@code system_config} is re-assigned
 * ({@code PATCH /phone_numbers/{id}/messaging}). Both writes are idempotent. A refusal is recorded and the run goes
 * on with the next number.
 */
final class SettingsRepairer extends PolicyWriter<MisattachedNumber> {

    private static final Logger log = LoggerFactory.getLogger(SettingsRepairer.class);

    SettingsRepairer(Repairs repairs) {
        super(repairs);
    }

    @Override
    boolean handle(MisattachedNumber number) {
        if (number.kind() == FindingKind.SMS_PROFILE_DRIFT) {
            repair(number, FindingAction.REASSIGNED,
                    () -> telnyx().assignMessagingProfile(number.numberId(), number.wanted()));
        }
        else {
            repair(number, FindingAction.REATTACHED,
                    () -> telnyx().updateNumber(number.numberId(), new NumberUpdate(number.wanted(), null, null)));
        }
        return true;
    }

    private void repair(MisattachedNumber number, FindingAction action, Runnable call) {
        String details = "was on " + (number.current() == null ? "nothing" : number.current());
        FindingAction outcome = action;
        if (!dryRun()) {
            try {
                call.run();
            }
            catch (TelnyxException.Rejected ex) {
                outcome = FindingAction.FAILED;
                details = details + "; Telnyx refused: " + Redaction.text(ex.getMessage());
            }
        }
        log.warn("{} {}: {} ({})", number.kind().column(), Redaction.phone(number.phoneNumber()),
                outcome.column(dryRun()), details);
        record(new Finding(number.kind(), number.phoneNumber(), number.tenantId(), number.numberId(), outcome,
                details));
    }

}
