package com.numbering.telnyx.sandbox;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The filters of {@code GET /number_orders}. SDK 2.8.0's {@code filter[phone_numbers.phone_number]} left the spec
 * in 2021 and is ignored like any unknown filter, so a client cannot find its order by number, only by
 * {@code filter[customer_reference]}.
 */
final class NumberOrderFilter {

    private NumberOrderFilter() {
    }

    static Predicate<PlacedOrder> from(ApiRequest request) {
        return equalsIfGiven(request.first("filter[customer_reference]"), o -> o.customerReference)
            .and(equalsIfGiven(request.first("filter[status]"), o -> o.status))
            .and(equalsIfGiven(request.first("filter[phone_numbers_count]"), o -> String.valueOf(o.lines.size())))
            .and(equalsIfGiven(request.first("filter[requirements_met]"), o -> "true"))
            .and(createdBetween(request));
    }

    private static Predicate<PlacedOrder> equalsIfGiven(String wanted, Function<PlacedOrder, String> field) {
        return order -> wanted == null || wanted.equals(field.apply(order));
    }

    private static Predicate<PlacedOrder> createdBetween(ApiRequest request) {
        Instant after = instant(request, "filter[created_at][gt]");
        Instant before = instant(request, "filter[created_at][lt]");
        return order -> (after == null || order.createdAt.isAfter(after))
                && (before == null || order.createdAt.isBefore(before));
    }

    private static Instant instant(ApiRequest request, String name) {
        String value = request.first(name);
        try {
            return (value != null) ? Instant.parse(value) : null;
        }
        catch (DateTimeParseException ex) {
            throw ApiError.badRequest("'" + name + "' must be an ISO-8601 date-time.", name);
        }
    }

}
