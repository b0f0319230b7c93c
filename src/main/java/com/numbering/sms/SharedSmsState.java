package com.numbering.sms;

import com.numbering.numbers.Purchase;
import com.numbering.numbers.PurchaseStatus;

/**
 * The shared SMS number's row in {@code system_config}.
 *
 * @param status null when nothing was attempted yet
 */
record SharedSmsState(PurchaseStatus status, String number, String numberId, String profileId, String reference,
        String orderId, int seq, String campaignStatus) {

    Purchase purchase() {
        return new Purchase(this.status, this.number, this.reference, this.orderId, this.seq);
    }

    boolean isActive() {
        return this.status == PurchaseStatus.ACTIVE && this.numberId != null;
    }

}
