package com.numbering.telnyx.sandbox;

import java.util.List;

/**
 * A number Telnyx could sell.
 *
 * @param type {@code local} or {@code toll_free} (the search enum spelling)
 * @param region two-letter state for local numbers, null for toll-free
 * @param rateCenter synthetic rate-centre name, null for toll-free
 * @param features search feature names ({@code sms}, {@code voice}…)
 */
record AvailableNumber(String phoneNumber, String npa, String type, String region, String rateCenter,
        List<String> features) {

    AvailableNumber {
        features = List.copyOf(features);
    }

    boolean tollFree() {
        return "toll_free".equals(this.type);
    }

}
