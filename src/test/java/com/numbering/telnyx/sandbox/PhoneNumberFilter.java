package com.numbering.telnyx.sandbox;

import java.util.Comparator;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** The filters and sort orders of {@code GET /phone_numbers}; filters it does not know are ignored. */
final class PhoneNumberFilter {

    private PhoneNumberFilter() {
    }

    static Predicate<OwnedNumber> from(ApiRequest request) {
        Predicate<OwnedNumber> filter = digits(request.first("filter[phone_number]"));
        filter = filter.and(equalsIfGiven(request.first("filter[status]"), n -> n.status))
            .and(equalsIfGiven(request.first("filter[connection_id]"), n -> n.connectionId))
            .and(equalsIfGiven(request.first("filter[customer_reference]"), n -> n.customerReference))
            .and(equalsIfGiven(request.first("filter[number_type][eq]"), n -> n.type));
        String tag = request.first("filter[tag]");
        if (tag != null) {
            filter = filter.and(n -> n.tags.contains(tag));
        }
        String billingGroup = request.first("filter[billing_group_id]");
        if (billingGroup != null) {
            filter = filter.and(n -> billingGroup.equals("null") ? n.billingGroupId == null
                    : billingGroup.equals(n.billingGroupId));
        }
        if ("true".equals(request.first("filter[without_tags]"))) {
            filter = filter.and(n -> n.tags.isEmpty());
        }
        Set<String> countries = request.all("filter[country_iso_alpha2]");
        if (!countries.isEmpty()) {
            filter = filter.and(n -> countries.contains("US"));
        }
        return filter;
    }

    /** No filter and no sort: the whole account, newest first (what an inventory listing asks for). */
    static boolean isUnfilteredDefaultOrder(ApiRequest request) {
        return request.query().keySet().stream().noneMatch(key -> key.startsWith("filter[") || key.equals("sort"));
    }

    /** The spec's default is newest first; ids grow with creation, so they break ties the same way. */
    static Comparator<OwnedNumber> sort(ApiRequest request) {
        String sort = request.first("sort");
        Comparator<OwnedNumber> newestFirst = Comparator.comparing((OwnedNumber n) -> n.id).reversed();
        if (sort == null) {
            return newestFirst;
        }
        return switch (sort) {
            case "phone_number" -> Comparator.comparing(n -> n.phoneNumber);
            case "purchased_at" -> Comparator.comparing((OwnedNumber n) -> n.createdAt).thenComparing(n -> n.id);
            case "connection_name" -> Comparator.comparing((OwnedNumber n) -> n.connectionId,
                    Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(newestFirst);
            default -> newestFirst;
        };
    }

    /** "Requires at least three digits. Non-numerical characters will result in no values being returned." */
    private static Predicate<OwnedNumber> digits(String value) {
        if (value == null) {
            return n -> true;
        }
        if (!value.matches("\\d{3,}")) {
            return n -> false;
        }
        return n -> n.phoneNumber.substring(1).contains(value);
    }

    private static Predicate<OwnedNumber> equalsIfGiven(String wanted, Function<OwnedNumber, String> field) {
        return number -> wanted == null || wanted.equals(field.apply(number));
    }

}
