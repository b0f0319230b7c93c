package com.numbering.provisioning;

/**
 * A tenant as the provisioning job sees it. Phone, state and number are personal data: never log them whole.
 */
record TenantRow(long id, String phone, String state, String status, String number, String customerReference,
        String orderId, int referenceSeq, int attempts) {

    /** The next deterministic customer reference for an order of this tenant's. */
    String nextReference() {
        return "tenant-" + this.id + "-" + (this.referenceSeq + 1);
    }

}
