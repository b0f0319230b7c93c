package com.numbering.telnyx.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * A number order the simulator accepted, as it stands now.
 *
 * @param status {@code pending} or {@code success}
 */
public record LedgerOrder(String id, String customerReference, List<String> phoneNumbers, String connectionId,
        String messagingProfileId, String status, Instant createdAt) {

    public LedgerOrder {
        phoneNumbers = List.copyOf(phoneNumbers);
    }

}
