package com.numbering.telnyx.sandbox.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A path key of the spec such as {@code /phone_numbers/{id}/messaging}, matched segment by segment. */
record PathTemplate(String text, List<String> segments) {

    PathTemplate {
        segments = List.copyOf(segments);
    }

    static PathTemplate parse(String text) {
        return new PathTemplate(text, List.of(text.substring(1).split("/", -1)));
    }

    /** The path parameters by name when the decoded request segments fit this template. */
    Optional<Map<String, String>> match(List<String> requestSegments) {
        if (requestSegments.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            String actual = requestSegments.get(i);
            if (isParameter(segment) && !actual.isEmpty()) {
                parameters.put(segment.substring(1, segment.length() - 1), actual);
            } else if (!segment.equals(actual)) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    /**
     * Orders matching templates so that a literal segment beats a templated one at the first position where they
     * differ, as OpenAPI requires ({@code /phone_numbers/slim} before {@code /phone_numbers/{id}}).
     */
    int compareSpecificity(PathTemplate other) {
        for (int i = 0; i < Math.min(segments.size(), other.segments.size()); i++) {
            boolean mine = isParameter(segments.get(i));
            boolean theirs = isParameter(other.segments.get(i));
            if (mine != theirs) {
                return mine ? 1 : -1;
            }
        }
        return 0;
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }
}
