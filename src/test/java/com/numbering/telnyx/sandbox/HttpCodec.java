package com.numbering.telnyx.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Decoding of request targets the way Telnyx's servers read them. */
final class HttpCodec {

    static final String BASE_PATH = "/v2";

    private HttpCodec() {
    }

    /**
     * Decodes a query as a form: {@code %5B} becomes {@code [} and {@code +} a space, so an unencoded
     * {@code filter[phone_number]=+1…} arrives with a leading space, as it would on the real API.
     */
    static Map<String, List<String>> decodeQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode((equals < 0) ? pair : pair.substring(0, equals));
            String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        query.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return Collections.unmodifiableMap(query);
    }

    /** The path below {@code /v2} with each segment percent-decoded ({@code +} stays a plus in paths). */
    static String decodePath(String rawPath) {
        String path = rawPath.equals(BASE_PATH) || rawPath.startsWith(BASE_PATH + "/")
                ? rawPath.substring(BASE_PATH.length()) : rawPath;
        String decoded = Arrays.stream(path.split("/", -1))
            .map(segment -> decode(segment.replace("+", "%2B")))
            .collect(Collectors.joining("/"));
        return decoded.isEmpty() ? "/" : decoded;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return text;
        }
    }

}
