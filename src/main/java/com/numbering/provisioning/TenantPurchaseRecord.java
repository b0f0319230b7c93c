package com.numbering.provisioning;

import com.numbering.numbers.PurchaseRecord;
import com.numbering.numbers.Tier;

/** A tenant's purchase state: the {@code telnyx_voice_*} columns of its row. */
final class TenantPurchaseRecord implements PurchaseRecord {

    private final String tenantId;

    private final String areaCode;

    private final TenantVoiceRepository tenants;

    /** @param areaCode the area code the tenant asked for (its phone's), or null when only its state is known */
    TenantPurchaseRecord(String tenantId, String areaCode, TenantVoiceRepository tenants) {
        this.tenantId = tenantId;
        this.areaCode = areaCode;
        this.tenants = tenants;
    }

    @Override
    public String subject() {
        return "tenant " + this.tenantId;
    }

    @Override
    public String reference(int seq) {
        return "tenant-" + this.tenantId + "-" + seq;
    }

    @Override
    public boolean recordIntent(int expectedSeq, String number, String reference, Tier tier) {
        return this.tenants.recordIntent(this.tenantId, expectedSeq, number, reference, tier, this.areaCode);
    }

    @Override
    public void recordOrder(String reference, String orderId) {
        this.tenants.recordOrder(this.tenantId, reference, orderId);
    }

    @Override
    public void abandon(String reference) {
        this.tenants.abandonIntent(this.tenantId, reference);
    }

    @Override
    public boolean isTaken(String number) {
        return this.tenants.isTaken(number, this.tenantId);
    }

}
