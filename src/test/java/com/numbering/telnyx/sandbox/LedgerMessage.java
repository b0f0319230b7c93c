package com.numbering.telnyx.sandbox;

import java.time.Instant;

/** A message {@code POST /messages} accepted (answered 200, or processed and then dropped). */
public record LedgerMessage(String id, String from, String to, String text, String encoding, int parts,
        Instant acceptedAt) {
}
