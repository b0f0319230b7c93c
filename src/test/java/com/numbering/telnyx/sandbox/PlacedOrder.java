package com.numbering.telnyx.sandbox;

import java.time.Instant;
import java.util.List;

/** A number order on the simulated account. Mutable; guarded by the simulator lock. */
final class PlacedOrder {

    /** One ordered number: its id inside the order and the id of the phone number it created. */
    record Line(String id, String phoneNumber, String type, String phoneNumberId) {
    }

    final String id;

    final String subOrderId;

    final String connectionId;

    final String messagingProfileId;

    final String billingGroupId;

    final Instant createdAt;

    final List<Line> lines;

    String customerReference;

    String status = "pending";

    int polls;

    Instant updatedAt;

    PlacedOrder(String id, String subOrderId, String customerReference, String connectionId,
            String messagingProfileId, String billingGroupId, List<Line> lines, Instant createdAt) {
        this.id = id;
        this.subOrderId = subOrderId;
        this.customerReference = customerReference;
        this.connectionId = connectionId;
        this.messagingProfileId = messagingProfileId;
        this.billingGroupId = billingGroupId;
        this.lines = List.copyOf(lines);
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    LedgerOrder toLedger() {
        return new LedgerOrder(this.id, this.customerReference,
                this.lines.stream().map(Line::phoneNumber).toList(), this.connectionId, this.messagingProfileId,
                this.status, this.createdAt);
    }

}
