package com.numbering.alerts;

import java.time.Instant;

/** A claimed alert. Recipient and body are personal data: never logged. */
record Alert(long id, long tenantId, String recipient, String alertType, String body, Instant notBefore,
        Instant expiresAt, int attempts, int priority) {
}
