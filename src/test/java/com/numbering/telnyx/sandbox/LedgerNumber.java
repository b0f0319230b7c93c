package com.numbering.telnyx.sandbox;

import java.util.List;

/**
 * A phone number currently on the simulated account.
 *
 * @param status the real status ({@code purchase-pending}, {@code active}…), whatever enum injection shows clients
 */
public record LedgerNumber(String id, String phoneNumber, String status, String connectionId,
        String customerReference, String messagingProfileId, List<String> tags) {

    public LedgerNumber {
        tags = List.copyOf(tags);
    }

}
