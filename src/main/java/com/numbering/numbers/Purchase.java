package com.numbering.numbers;

/**
 * A buyer's purchase as last committed.
 *
 * @param status null (nothing yet), {@code available} (intent committed, order maybe placed), {@code ordered}
 *        (order id committed), {@code active} or {@code failed}
 * @param seq how many order attempts (customer references) were used so far
 */
public record Purchase(String status, String number, String reference, String orderId, int seq) {

    boolean hasIntent() {
        return "available".equals(this.status);
    }

    boolean hasOrder() {
        return "ordered".equals(this.status);
    }

}
