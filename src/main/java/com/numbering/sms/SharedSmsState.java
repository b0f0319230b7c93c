package com.numbering.sms;

import com.numbering.numbers.Purchase;

/** The shared SMS number's row in {@code system_config}. */
record SharedSmsState(String status, String number, String numberId, String profileId, String reference,
        String orderId, int seq, String campaignStatus) {

    Purchase purchase() {
        return new Purchase(this.status, this.number, this.reference, this.orderId, this.seq);
    }

    boolean isActive() {
        return "active".equals(this.status) && this.numberId != null;
    }

}
