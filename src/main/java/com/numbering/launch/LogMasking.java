package com.numbering.launch;

import java.util.regex.Pattern;

import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.json.JsonWriter.ValueProcessor;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * The safety net under every call site's own masking: each string a JSON log record carries (message, exception
 * message, stack trace, MDC) is masked before it is written, so that no phone number, Telnyx API key or raw Telnyx
 * error body reaches the log collector, whoever logged it. Set by {@code logging.structured.json.customizer}.
 */
public final class LogMasking implements StructuredLoggingJsonMembersCustomizer<Object> {

    private static final Pattern API_KEY = Pattern.compile("KEY[0-9A-Fa-f]{32}_[A-Za-z0-9_-]+");

    /** Telnyx's error body ({"errors":[…]}), e.g. inside an ApiException's message: it may echo what we sent. */
    private static final Pattern TELNYX_BODY = Pattern.compile("\\{\\s*\"errors\"\\s*:\\s*\\[.*?\\]\\s*}",
            Pattern.DOTALL);

    private static final Pattern E164 = Pattern.compile("\\+(\\d{4})\\d{3,9}(\\d{2})\\b");

    private static final Pattern NANP_DISPLAY = Pattern.compile("\\(?\\b(\\d{3})\\)?[ .-]?\\d{3}[ .-]\\d{2}(\\d{2})\\b");

    @Override
    public void customize(Members<Object> members) {
        members.applyingValueProcessor(ValueProcessor.of(String.class, LogMasking::mask));
    }

    public static String mask(String value) {
        if (value == null) {
            return null;
        }
        String masked = API_KEY.matcher(value).replaceAll("KEY•••");
        masked = TELNYX_BODY.matcher(masked).replaceAll("{\"errors\":[…masked…]}");
        masked = E164.matcher(masked).replaceAll("+$1•••••$2");
        return NANP_DISPLAY.matcher(masked).replaceAll("($1) •••-••$2");
    }

}
