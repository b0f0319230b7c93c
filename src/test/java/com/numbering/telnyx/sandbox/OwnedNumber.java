package com.numbering.telnyx.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A phone number on the simulated account. Mutable; guarded by the simulator lock like all state. */
final class OwnedNumber {

    final String id;

    final String phoneNumber;

    /** {@code local} or {@code toll_free}. */
    final String type;

    final Instant createdAt;

    String status;

    String connectionId;

    String customerReference;

    String messagingProfileId;

    String messagingProduct = "A2P";

    String billingGroupId;

    String externalPin;

    boolean hdVoiceEnabled;

    List<String> tags = new ArrayList<>();

    Instant activatedAt;

    Instant updatedAt;

    OwnedNumber(String id, String phoneNumber, String type, String status, Instant createdAt) {
        this.id = id;
        this.phoneNumber = phoneNumber;
        this.type = type;
        this.status = status;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        if ("active".equals(status)) {
            this.activatedAt = createdAt;
        }
    }

    void activate(Instant now) {
        if ("purchase-pending".equals(this.status)) {
            this.status = "active";
            this.activatedAt = now;
            this.updatedAt = now;
        }
    }

    LedgerNumber toLedger() {
        return new LedgerNumber(this.id, this.phoneNumber, this.status, this.connectionId, this.customerReference,
                this.messagingProfileId, this.tags);
    }

}
