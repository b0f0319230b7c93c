package com.numbering.telnyx.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the simulator received.
 *
 * @param path without the {@code /v2} prefix, segments decoded
 * @param status the status sent, or the one that would have been sent when {@code dropped}
 * @param dropped the connection was closed instead of answering ({@link SimulatorControl#dropAfterProcessing})
 */
public record LedgerRequest(String method, String path, Map<String, List<String>> query, int status,
        boolean dropped, Instant receivedAt) {

    public LedgerRequest {
        query = Map.copyOf(query);
    }

}
