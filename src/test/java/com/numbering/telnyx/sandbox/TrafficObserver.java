package com.numbering.telnyx.sandbox;

import java.util.List;
import java.util.Map;

/**
 * Sees every request the simulator receives and every response it sends, so that traffic can be checked against
 * Telnyx's OpenAPI schemas by a validator that lives elsewhere.
 * <p>
 * Paths come without the {@code /v2} prefix and with each segment percent-decoded; the query is decoded as a form
 * ({@code +} becomes a space, as on the real API). A request without a body is reported with an empty string.
 * A response is reported just before it is sent, so a client never holds an answer the observer has not seen;
 * a response that is deliberately never sent ({@link SimulatorControl#dropAfterProcessing}) is not reported.
 * Exceptions thrown by an observer are caught, logged and kept in {@link SimulatorLedger#observerFailures()}
 * rather than turned into broken HTTP exchanges.
 */
public interface TrafficObserver {

    void request(String method, String pathWithoutV2, Map<String, List<String>> decodedQuery, String body);

    void response(String method, String pathWithoutV2, int status, String body);

    TrafficObserver NONE = new TrafficObserver() {

        @Override
        public void request(String method, String pathWithoutV2, Map<String, List<String>> decodedQuery,
                String body) {
        }

        @Override
        public void response(String method, String pathWithoutV2, int status, String body) {
        }

    };

}
