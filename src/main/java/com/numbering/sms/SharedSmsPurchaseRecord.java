package com.numbering.sms;

import com.numbering.numbers.CustomerReferences;
import com.numbering.numbers.PurchaseRecord;
import com.numbering.numbers.Tier;

/** The shared SMS number's purchase state: its columns of {@code system_config}. */
final class SharedSmsPurchaseRecord implements PurchaseRecord {

    private final SystemConfigRepository config;

    private final CustomerReferences references;

    SharedSmsPurchaseRecord(SystemConfigRepository config, CustomerReferences references) {
        this.config = config;
        this.references = references;
    }

    @Override
    public String subject() {
        return "shared SMS number";
    }

    @Override
    public String reference(int seq) {
        return this.references.sharedSms(seq);
    }

    @Override
    public boolean recordIntent(int expectedSeq, String number, String reference, Tier tier) {
        return this.config.recordIntent(expectedSeq, number, reference, tier);
    }

    @Override
    public void recordOrder(String reference, String orderId) {
        this.config.recordOrder(reference, orderId);
    }

    @Override
    public boolean abandon(String reference, String orderId) {
        return this.config.abandon(reference, orderId);
    }

    @Override
    public boolean isTaken(String number) {
        return this.config.isTenantNumber(number);
    }

}
