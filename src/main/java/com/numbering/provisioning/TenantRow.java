package com.numbering.provisioning;

import com.numbering.numbers.Purchase;
import com.numbering.numbers.PurchaseStatus;

/**
 * A tenant as the provisioning job sees it; its id is opaque (the application's key, of any type). Phone, state and
 * number are personal data: never log them whole. Public only because the build's ahead-of-time code for the
 * step-scoped reader (process-aot) names it from Spring Batch's package.
 *
 * @param status null when nothing was attempted yet
 */
public record TenantRow(String id, String phone, String state, PurchaseStatus status, String number,
        String customerReference, String orderId, int referenceSeq, int attempts) {

    Purchase purchase() {
        return new Purchase(this.status, this.number, this.customerReference, this.orderId, this.referenceSeq);
    }

    /** An intent or an order exists: a number may be bought or being bought for this tenant. */
    boolean mayHoldANumber() {
        return purchase().mayHoldANumber();
    }

}
