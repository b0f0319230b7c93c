package com.numbering.telnyx.sandbox;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The filters of one number search, validated. {@code country_code} is required; a {@code phone_number_type}
 * outside the spec's enum is a 400/10032; {@code limit} defaults to 10 and is capped at 100 (Telnyx documents
 * no maximum). {@code bestEffort} is null when the filter is absent.
 */
record SearchCriteria(String country, String type, String ndc, String region, int limit, Boolean bestEffort,
        boolean excludeHeld, Set<String> features, Predicate<AvailableNumber> pattern) {

    private static final Set<String> TYPES = Set.of("local", "toll_free", "mobile", "national", "shared_cost");

    static SearchCriteria from(ApiRequest request) {
        String country = request.first("filter[country_code]");
        if (country == null || country.isBlank()) {
            throw ApiError.missingParameter("filter[country_code]");
        }
        String type = request.first("filter[phone_number_type]");
        if (type != null && !TYPES.contains(type)) {
            throw new ApiError(400, "10032", "Invalid enum value", "'" + type + "' is not a valid phone number type.",
                    null, "filter[phone_number_type]");
        }
        String ndc = blankToNull(request.first("filter[national_destination_code]"));
        String region = blankToNull(request.first("filter[administrative_area]"));
        int limit = Math.min(100, request.integer("filter[limit]", 10, 1, Integer.MAX_VALUE));
        request.bool("filter[reservable]");
        request.bool("filter[quickship]");
        Set<String> features = request.all("filter[features]").stream().map(f -> f.toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
        return new SearchCriteria(country.trim(), type, ndc,
                (region != null) ? region.toUpperCase(Locale.ROOT) : null, limit,
                request.bool("filter[best_effort]"),
                Boolean.TRUE.equals(request.bool("filter[exclude_held_numbers]")), features,
                NumberPattern.from(request, ndc));
    }

    boolean located() {
        return this.ndc != null || this.region != null;
    }

    boolean allowsBestEffort() {
        return !Boolean.FALSE.equals(this.bestEffort);
    }

    /** What best-effort results must still satisfy: type, features and the held-number exclusion. */
    Predicate<AvailableNumber> loose(NumberPool pool) {
        return number -> (this.type == null || this.type.equals(number.type()))
                && number.features().containsAll(this.features)
                && !(this.excludeHeld && pool.isHeld(number.phoneNumber()));
    }

    Predicate<AvailableNumber> exact(NumberPool pool) {
        return loose(pool).and(this.pattern);
    }

    private static String blankToNull(String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

}
