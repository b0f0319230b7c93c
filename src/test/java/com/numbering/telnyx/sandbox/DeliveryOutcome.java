package com.numbering.telnyx.sandbox;

/**
 * What the carrier makes of messages to one recipient, learnt by reading the message back. {@code status} is a
 * {@code to[].status} value; a non-final one ({@code sent}) keeps the message in flight.
 *
 * @param code the {@code errors[].code} Telnyx reports with a failure, or null
 * @param title its title, or null
 */
public record DeliveryOutcome(String status, String code, String title) {

    static final DeliveryOutcome DELIVERED = new DeliveryOutcome("delivered", null, null);

    boolean isFinal() {
        return !"sent".equals(this.status) && !"sending".equals(this.status) && !"queued".equals(this.status);
    }

}
