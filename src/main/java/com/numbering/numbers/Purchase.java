package com.numbering.numbers;

/**
 * A buyer's purchase as last committed.
 *
 * @param status null when nothing was attempted yet
 * @param seq how many order attempts (customer references) were used so far
 */
public record Purchase(PurchaseStatus status, String number, String reference, String orderId, int seq) {

    boolean hasIntent() {
        return this.status == PurchaseStatus.AVAILABLE;
    }

    boolean hasOrder() {
        return this.status == PurchaseStatus.ORDERED;
    }

    /** An intent or an order exists: a number may be bought or being bought. */
    public boolean mayHoldANumber() {
        return this.status != null && this.status.mayHoldANumber();
    }

}
