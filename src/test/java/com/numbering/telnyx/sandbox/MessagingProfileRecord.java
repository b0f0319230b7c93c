package com.numbering.telnyx.sandbox;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A messaging profile. Its writable settings are kept as the JSON fields the API exposes, because clients send
 * and read them by those names and the simulator only needs a few of them ({@code enabled},
 * {@code whitelisted_destinations}). Guarded by the simulator lock.
 */
final class MessagingProfileRecord {

    final String id;

    final String v1Secret;

    final Instant createdAt;

    final ObjectNode settings;

    Instant updatedAt;

    MessagingProfileRecord(String id, String v1Secret, ObjectNode settings, Instant createdAt) {
        this.id = id;
        this.v1Secret = v1Secret;
        this.settings = settings;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    String name() {
        return this.settings.path("name").asText();
    }

    boolean enabled() {
        return this.settings.path("enabled").asBoolean(true);
    }

    /** Whether the profile may send to a destination country ({@code *} allows all). */
    boolean allows(String countryCode) {
        for (var destination : this.settings.path("whitelisted_destinations")) {
            if (destination.asText().equals("*") || destination.asText().equals(countryCode)) {
                return true;
            }
        }
        return false;
    }

    boolean hasWhitelist() {
        return !this.settings.path("whitelisted_destinations").isEmpty();
    }

}
