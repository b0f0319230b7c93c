package com.numbering.reconciliation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.numbering.numbers.PurchaseStatus;
import com.numbering.numbers.CustomerReferences;
import com.numbering.privacy.Redaction;
import com.numbering.reconciliation.DiscrepancyRepository.UnrecordedNumber;

/**
 * Policy 2: a number we pay for that no row records, tied to an active tenant by its customer reference
 * ({@code tenant-<id>-<n>}) or a tag ({@code tenant-<id>}). A tenant without a number adopts it; a tenant that has
 * one already is flagged (a duplicate purchase: a human decides, nothing is released). A tenant with an order in
 * flight is left to the provisioning job, which resolves its own purchases by reference.
 */
final class UnrecordedNumberAdopter extends PolicyWriter<UnrecordedNumber> {

    private static final Logger log = LoggerFactory.getLogger(UnrecordedNumberAdopter.class);

    /** This deployment's {@code tenant-<id>-<n>}. */
    private final Pattern reference;

    UnrecordedNumberAdopter(Repairs repairs, CustomerReferences references) {
        super(repairs);
        this.reference = references.tenantReference();
    }

    @Override
    boolean handle(UnrecordedNumber number) {
        PurchaseStatus status = number.tenantStatus();
        if (status != null && status.mayHoldANumber()) {
            return false;
        }
        if (status != PurchaseStatus.ACTIVE && adopt(number)) {
            log.warn("Tenant {}: {} {}, bought for it but never recorded", number.tenantId(),
                    FindingAction.ADOPTED.column(dryRun()), Redaction.phone(number.phoneNumber()));
            record(finding(number, FindingKind.UNRECORDED_PURCHASE, FindingAction.ADOPTED,
                    "customer reference " + number.customerReference()));
            return true;
        }
        log.warn("Tenant {} already has a number; {} is a duplicate purchase (flagged, kept)", number.tenantId(),
                Redaction.phone(number.phoneNumber()));
        record(finding(number, FindingKind.DUPLICATE_PURCHASE, FindingAction.FLAGGED,
                "tenant already has an active number; customer reference " + number.customerReference()));
        return true;
    }

    private boolean adopt(UnrecordedNumber number) {
        if (dryRun()) {
            return true;
        }
        String reference = null;
        int seq = 0;
        Matcher matcher = number.customerReference() == null ? null : this.reference.matcher(number.customerReference());
        if (matcher != null && matcher.matches() && matcher.group(1).equals(number.tenantId())) {
            reference = number.customerReference();
            seq = Integer.parseInt(matcher.group(2));
        }
        return tenants().adopt(number.tenantId(), number.phoneNumber(), number.numberId(), reference, seq);
    }

    private static Finding finding(UnrecordedNumber number, FindingKind kind, FindingAction action, String details) {
        return new Finding(kind, number.phoneNumber(), number.tenantId(), number.numberId(), action, details);
    }

}
