package com.numbering.numbers;

/**
 * Where a purchase stands, as the PRD's {@code telnyx_voice_status} column (and the shared SMS number's
 * {@code telnyx_sms_status}) store it: {@code available} (number chosen, intent committed, order maybe placed),
 * {@code ordered} (order id committed), {@code active}, {@code failed} (voice only: a human must look).
 */
public enum PurchaseStatus {

    AVAILABLE, ORDERED, ACTIVE, FAILED;

    /** The column's value. */
    public String column() {
        return name().toLowerCase();
    }

    /** @return the status of a column's value, or null for NULL (nothing attempted yet) */
    public static PurchaseStatus of(String column) {
        return column == null ? null : valueOf(column.toUpperCase());
    }

    /** An intent or an order exists: a number may be bought, or being bought, under it. */
    public boolean mayHoldANumber() {
        return this == AVAILABLE || this == ORDERED;
    }

}
