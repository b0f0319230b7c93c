package com.numbering.telnyx.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.ProcessingException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.numbering.privacy.Redaction;
import com.numbering.telnyx.TelnyxException;
import com.telnyx.sdk.ApiException;

/**
 * The single place where a failed call becomes transient, rejected or fatal (Telnyx's error codes:
 * https://developers.telnyx.com/docs/overview/errors; docs/telnyx-sdk.md).
 */
final class TelnyxErrors {

    private static final Logger log = LoggerFactory.getLogger(TelnyxErrors.class);

    private static final Set<String> BAD_KEY = Set.of("10009", "20001", "20002", "20003", "20008");

    private static final Set<String> ACCOUNT = Set.of("10010", "20012", "20013", "20014", "20016", "20017", "20100",
            "10038", "10039", "40314");

    private static final Set<String> TRANSIENT = Set.of("10007", "10008", "10011", "10036", "10037", "40318", "40320");

    private static final Duration DEFAULT_RATE_LIMIT_PAUSE = Duration.ofSeconds(1);

    private final ObjectMapper mapper;

    private final Duration maxPause;

    private final Counter cutResets;

    /**
     * @param maxPause the longest wait a 429 may ask of us: longer resets are cut to it (one odd answer must not
     * silence alerts for an hour), counted and logged
     */
    TelnyxErrors(ObjectMapper mapper, Duration maxPause, MeterRegistry meters) {
        this.mapper = mapper;
        this.maxPause = maxPause;
        this.cutResets = Counter.builder("numbering.telnyx.resets.cut")
            .description("Rate-limit resets (x-ratelimit-reset, Retry-After) longer than "
                    + "numbering.telnyx.budget.max-pause, cut to it")
            .register(meters);
    }

    /**
     * @param operation e.g. {@code POST /number_orders}
     * @param sent whether the request may have reached Telnyx and changed something there
     */
    TelnyxException classify(String operation, ProcessingException ex, boolean sent) {
        TelnyxException.Late late = Departure.lateIn(operation, ex);
        if (late != null) {
            // Refused by our own client before its first byte was written: Telnyx saw nothing.
            return late;
        }
        // I/O errors, timeouts and unreadable responses. For a write the server may have done the work.
        String what = operation + ": no usable response (" + rootMessage(ex) + ")";
        return new TelnyxException.Transient(what, 0, null, null, sent, ex);
    }

    TelnyxException classify(String operation, ApiException ex, boolean write) {
        TelnyxException.Late late = Departure.lateIn(operation, ex);
        if (late != null) {
            return late;
        }
        int status = ex.getCode();
        Error error = firstError(ex.getResponseBody());
        String code = error.code();
        String what = operation + " -> HTTP " + status + (code != null ? " code " + code : "") + " "
                + Redaction.text(error.text());
        if (status == 401 || is(BAD_KEY, code)) {
            return new TelnyxException.Fatal(what + ". Telnyx rejected the API key: set TELNYX_API_KEY to a valid "
                    + "API v2 key (Mission Control > API Keys).", status, code, ex);
        }
        if ("85004".equals(code)) {
            return new TelnyxException.Fatal(what + ". Telnyx does not know the voice connection: set "
                    + "TELNYX_VOICE_CONNECTION_ID to the id of your SIP connection or Call Control application.",
                    status, code, ex);
        }
        if ("85005".equals(code)) {
            return new TelnyxException.Fatal(what + ". Telnyx does not know the messaging profile: check "
                    + "system_config.telnyx_sms_messaging_profile_id or rerun setupSharedSmsNumberJob.", status, code, ex);
        }
        if (status == 403 || is(ACCOUNT, code)) {
            return new TelnyxException.Fatal(what + ". The Telnyx account cannot do this (permissions, verification "
                    + "level or balance): fix the account in Mission Control.", status, code, ex);
        }
        if (status == 429 || status >= 500 || status == 408 || is(TRANSIENT, code)) {
            boolean unknown = write && status >= 500;
            return new TelnyxException.Transient(what, status, code, bounded(retryAfter(ex.getResponseHeaders(), status)),
                    unknown, ex);
        }
        return new TelnyxException.Rejected(what, status, code, ex);
    }

    /** An answer without a Telnyx error code (a redirect, a proxy's page) is in no set. */
    private static boolean is(Set<String> codes, String code) {
        return code != null && codes.contains(code);
    }

    private Duration bounded(Duration retryAfter) {
        if (retryAfter == null || retryAfter.compareTo(this.maxPause) <= 0) {
            return retryAfter;
        }
        this.cutResets.increment();
        log.warn("Telnyx asked to wait {} s; waiting {} s (numbering.telnyx.budget.max-pause)",
                retryAfter.toSeconds(), this.maxPause.toSeconds());
        return this.maxPause;
    }

    private static Duration retryAfter(Map<String, List<String>> headers, int status) {
        String reset = header(headers, "x-ratelimit-reset");
        if (reset == null) {
            reset = header(headers, "retry-after");
        }
        if (reset != null) {
            try {
                double seconds = Double.parseDouble(reset.trim());
                if (Double.isFinite(seconds) && seconds > 0) {
                    return Duration.ofMillis((long) (seconds * 1000));
                }
                // Zero, negative or NaN: no pause we can trust; a retry at once would only meet the limit again.
            }
            catch (NumberFormatException ignored) {
                // An HTTP date or garbage: fall back to the default below.
            }
        }
        return status == 429 ? DEFAULT_RATE_LIMIT_PAUSE : null;
    }

    /** The SDK keeps the server's header casing; HTTP header names are case-insensitive. */
    static String header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (name.equalsIgnoreCase(entry.getKey()) && entry.getValue() != null && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    private Error firstError(String body) {
        if (body == null || body.isBlank()) {
            return new Error(null, "");
        }
        try {
            JsonNode first = this.mapper.readTree(body).path("errors").path(0);
            String code = first.hasNonNull("code") ? first.get("code").asText() : null;
            String text = (first.path("title").asText("") + " " + first.path("detail").asText("")).trim();
            return new Error(code, text);
        }
        catch (Exception ex) {
            return new Error(null, "(unparseable error body)");
        }
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() != null ? ": " + Redaction.text(root.getMessage()) : "");
    }

    private record Error(String code, String text) {
    }

}
