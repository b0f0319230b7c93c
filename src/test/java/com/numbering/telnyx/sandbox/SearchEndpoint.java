package com.numbering.telnyx.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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

    private final SimulatorState state;

    SearchEndpoint(SimulatorState state) {
        this.state = state;
    }

    void register(Router router) {
        router.add("GET", "/available_phone_numbers", this::search);
    }

    private ApiResponse search(ApiRequest request) {
        SearchCriteria criteria = SearchCriteria.from(request);
        List<AvailableNumber> found = new ArrayList<>();
        if (!criteria.country().equalsIgnoreCase("US")) {
            return ApiResponse.ok(render(found, 0));
        }
        collect(exactNpas(criteria.ndc(), criteria.region(), criteria.type()), criteria.exact(this.state.pool),
                criteria.limit(), found);
        int exactCount = found.size();
        if (criteria.located() && found.size() < criteria.limit() && criteria.allowsBestEffort()) {
            collect(fallbackNpas(criteria.ndc(), criteria.region(), criteria.type()),
                    criteria.loose(this.state.pool), criteria.limit(), found);
        }
        this.state.pool.markSearched(found);
        return ApiResponse.ok(render(found, exactCount));
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

}
