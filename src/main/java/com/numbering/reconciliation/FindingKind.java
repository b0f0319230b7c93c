package com.numbering.reconciliation;

/** Every kind of difference between the Telnyx inventory and our tables (column {@code reconciliation_findings.kind}). */
enum FindingKind {

    /** A tenant left {@code ordered} whose number is active at Telnyx. */
    PENDING_ORDER_COMPLETED("pending-order-completed"),
    /** A tenant left {@code ordered} whose order failed, or whose number is absent after the order settled. */
    PENDING_ORDER_FAILED("pending-order-failed"),
    /** A number tied to a tenant (customer reference or tag) that we never recorded. */
    UNRECORDED_PURCHASE("unrecorded-purchase"),
    /** Such a number whose tenant already has an active number. */
    DUPLICATE_PURCHASE("duplicate-purchase"),
    /** A tenant's recorded number is absent from the inventory, deleted or ported out. */
    NUMBER_GONE("number-gone"),
    /** A tenant's number is not on the configured voice connection. */
    WRONG_CONNECTION("wrong-connection"),
    /** The shared SMS number is not on the messaging profile recorded in system_config. */
    SMS_PROFILE_DRIFT("sms-profile-drift"),
    /** A number in the account that no tenant and not the shared SMS number owns. */
    UNOWNED_NUMBER("unowned-number"),
    /** A number held for a deactivated tenant. */
    INACTIVE_TENANT_NUMBER("inactive-tenant-number");

    private final String column;

    FindingKind(String column) {
        this.column = column;
    }

    String column() {
        return this.column;
    }

}
