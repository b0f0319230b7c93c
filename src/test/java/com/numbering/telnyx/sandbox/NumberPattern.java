package com.numbering.telnyx.sandbox;

import java.util.function.Predicate;

/**
 * {@code filter[phone_number][starts_with|ends_with|contains]}. With a national destination code the pattern
 * applies to the digits after it, otherwise to the ten national digits; like Telnyx, anything but digits (a
 * wildcard, a {@code +1}) matches nothing.
 */
final class NumberPattern {

    private NumberPattern() {
    }

    static Predicate<AvailableNumber> from(ApiRequest request, String ndc) {
        String startsWith = request.first("filter[phone_number][starts_with]");
        String endsWith = request.first("filter[phone_number][ends_with]");
        String contains = request.first("filter[phone_number][contains]");
        return number -> {
            String digits = number.phoneNumber().substring((ndc != null) ? 5 : 2);
            return matches(startsWith, digits::startsWith) && matches(endsWith, digits::endsWith)
                    && matches(contains, digits::contains);
        };
    }

    private static boolean matches(String pattern, Predicate<String> test) {
        return pattern == null || (pattern.matches("\\d+") && test.test(pattern));
    }

}
