package com.numbering.telnyx.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code AvailablePhoneNumber} schema. */
final class AvailableNumberJson {

    private AvailableNumberJson() {
    }

    static ObjectNode render(AvailableNumber number, boolean bestEffort) {
        ObjectNode node = Json.object();
        node.put("record_type", "available_phone_number");
        node.put("phone_number", number.phoneNumber());
        node.put("vanity_format", "");
        node.put("best_effort", bestEffort);
        node.put("reservable", true);
        node.put("quickship", true);
        // not in the spec's item schema, but the live API sends it (developers.telnyx.com reservation sample)
        node.put("phone_number_type", number.type());
        ArrayNode regions = node.putArray("region_information");
        region(regions, "country_code", "US");
        if (number.region() != null) {
            region(regions, "state", number.region());
        }
        if (number.rateCenter() != null) {
            region(regions, "rate_center", number.rateCenter());
        }
        ObjectNode cost = node.putObject("cost_information");
        cost.put("currency", "USD");
        cost.put("monthly_cost", number.tollFree() ? "2.00" : "1.00");
        cost.put("upfront_cost", "1.00");
        ArrayNode features = node.putArray("features");
        number.features().forEach(name -> features.addObject().put("name", name));
        return node;
    }

    private static void region(ArrayNode regions, String type, String name) {
        ObjectNode region = regions.addObject();
        region.put("region_type", type);
        region.put("region_name", name);
    }

}
