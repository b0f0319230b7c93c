package com.numbering.telnyx.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /available_phone_numbers}. Unknown filter names are ignored, as on the real API (the SDK's stale
 * {@code filter[number_type]} therefore filters nothing). Deliberately adversarial where Telnyx is undocumented:
 * best-effort fill also happens when {@code filter[best_effort]} is absent, and without
 * {@code filter[phone_number_type]} toll-free numbers come first among the fill and unrestricted results.
 */
final class SearchEndpoint {

    private static final Set<String> TYPES = Set.of("local", "toll_free", "mobile", "national", "shared_cost");

    private final SimulatorState state;

    SearchEndpoint(SimulatorState state) {
        this.state = state;
    }

    void register(Router router) {
        router.add("GET", "/available_phone_numbers", this::search);
    }

    private ApiResponse search(ApiRequest request) {
        String country = request.first("filter[country_code]");
        if (country == null || country.isBlank()) {
            throw ApiError.missingParameter("filter[country_code]");
        }
        String type = request.first("filter[phone_number_type]");
        if (type != null && !TYPES.contains(type)) {
            throw new ApiError(400, "10032", "Invalid enum value", "'" + type + "' is not a valid phone number type.",
                    null, "filter[phone_number_type]");
        }
        String ndc = request.first("filter[national_destination_code]");
        String state = upper(request.first("filter[administrative_area]"));
        int limit = request.integer("filter[limit]", 10, 1, Integer.MAX_VALUE);
        limit = Math.min(limit, 100);
        Boolean bestEffort = request.bool("filter[best_effort]");
        boolean excludeHeld = Boolean.TRUE.equals(request.bool("filter[exclude_held_numbers]"));
        request.bool("filter[reservable]");
        request.bool("filter[quickship]");

        Predicate<AvailableNumber> loose = typeIs(type).and(hasFeatures(request.all("filter[features]")))
            .and(n -> !(excludeHeld && this.state.pool.isHeld(n.phoneNumber())));
        Predicate<AvailableNumber> exact = loose.and(NumberPattern.from(request, ndc));
        List<AvailableNumber> found = new ArrayList<>();
        if (country.equalsIgnoreCase("US")) {
            collect(exactNpas(ndc, state, type), exact, limit, found);
            int exactCount = found.size();
            boolean located = ndc != null || state != null;
            if (located && found.size() < limit && !Boolean.FALSE.equals(bestEffort)) {
                collect(fallbackNpas(ndc, state, type), loose, limit, found);
            }
            this.state.pool.markSearched(found);
            return ApiResponse.ok(render(found, exactCount));
        }
        return ApiResponse.ok(render(found, 0));
    }

    private void collect(Set<String> npas, Predicate<AvailableNumber> filter, int limit, List<AvailableNumber> into) {
        for (String npa : npas) {
            for (AvailableNumber number : this.state.pool.available(npa)) {
                if (into.size() >= limit) {
                    return;
                }
                if (filter.test(number) && !into.contains(number)) {
                    into.add(number);
                }
            }
        }
    }

    private Set<String> exactNpas(String ndc, String region, String type) {
        Set<String> npas = new LinkedHashSet<>();
        if (ndc != null) {
            if (region == null || region.equals(this.state.pool.regionOf(ndc))) {
                npas.add(ndc);
            }
        }
        else if (region != null) {
            npas.addAll(this.state.pool.npasIn(region));
        }
        else {
            addTollFreeFirst(npas, type);
            npas.addAll(this.state.pool.allNpas());
        }
        return npas;
    }

    /** Where "similar" numbers come from: toll-free (if the type allows), overlays, the same state, anywhere. */
    private Set<String> fallbackNpas(String ndc, String region, String type) {
        Set<String> npas = new LinkedHashSet<>();
        addTollFreeFirst(npas, type);
        if (ndc != null) {
            npas.addAll(this.state.pool.overlaysOf(ndc));
            String ndcRegion = this.state.pool.regionOf(ndc);
            if (ndcRegion != null) {
                npas.addAll(this.state.pool.npasIn(ndcRegion));
            }
        }
        if (region != null) {
            npas.addAll(this.state.pool.npasIn(region));
        }
        npas.addAll(this.state.pool.allNpas());
        npas.removeAll(exactNpas(ndc, region, type));
        return npas;
    }

    private static void addTollFreeFirst(Set<String> npas, String type) {
        if (type == null) {
            npas.addAll(NumberPool.TOLL_FREE_NPAS);
        }
    }

    private ObjectNode render(List<AvailableNumber> found, int exactCount) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (int i = 0; i < found.size(); i++) {
            data.add(AvailableNumberJson.render(found.get(i), i >= exactCount));
        }
        ObjectNode meta = body.putObject("meta");
        meta.put("total_results", found.size());
        meta.put("best_effort_results", found.size() - exactCount);
        body.set("metadata", meta.deepCopy());
        return body;
    }

    private static Predicate<AvailableNumber> typeIs(String type) {
        return number -> type == null || type.equals(number.type());
    }

    private static Predicate<AvailableNumber> hasFeatures(Set<String> features) {
        Set<String> wanted = new LinkedHashSet<>();
        features.forEach(f -> wanted.add(f.toLowerCase(Locale.ROOT)));
        return number -> number.features().containsAll(wanted);
    }

    private static String upper(String value) {
        return (value == null || value.isBlank()) ? null : value.trim().toUpperCase(Locale.ROOT);
    }

}
