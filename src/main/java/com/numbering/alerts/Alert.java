package com.numbering.alerts;

import java.time.Instant;

/** A claimed alert. Recipient and body are personal data: never logged. The tenant id is opaque (any key type). */
record Alert(long id, String tenantId, String recipient, String alertType, String body, Instant notBefore,
        Instant expiresAt, int attempts, int priority) {
}
