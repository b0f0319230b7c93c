package com.numbering.telnyx.sandbox;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A decoded request as endpoints see it.
 *
 * @param path without {@code /v2}, segments decoded
 * @param query decoded deepObject parameters by wire name ({@code filter[status]}), in arrival order
 * @param pathParameters the values of the {@code {…}} placeholders of the matched route, in order
 */
record ApiRequest(String method, String path, Map<String, List<String>> query, String body,
        List<String> pathParameters) {

    String pathParameter(int index) {
        return this.pathParameters.get(index);
    }

    /** The first value of a query parameter, or null when absent. */
    String first(String name) {
        List<String> values = this.query.get(name);
        return (values == null || values.isEmpty()) ? null : values.get(0);
    }

    /** Every value of a parameter that may come repeated ({@code a=1&a=2}) or comma-separated ({@code a=1,2}). */
    Set<String> all(String name) {
        Set<String> values = new LinkedHashSet<>();
        for (String value : this.query.getOrDefault(name, List.of())) {
            Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).forEach(values::add);
        }
        return values;
    }

    /** A boolean parameter: null when absent; anything but true/false is a bad request. */
    Boolean bool(String name) {
        String value = first(name);
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value);
        }
        throw ApiError.badRequest("'" + name + "' must be true or false.", name);
    }

    /** An integer parameter within bounds, or the default when absent. */
    int integer(String name, int defaultValue, int min, int max) {
        String value = first(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        }
        catch (NumberFormatException ex) {
            // answered below
        }
        throw ApiError.badRequest("'" + name + "' must be an integer between " + min + " and " + max + ".", name);
    }

}
