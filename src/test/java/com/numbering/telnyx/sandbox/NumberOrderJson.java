package com.numbering.telnyx.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code NumberOrderWithPhoneNumbers} schema, used for lists too: its per-number objects (uuid ids) also
 * satisfy the list schema's {@code PhoneNumbersJobPhoneNumber}, and SDK 2.8.0 parses both as UUID-keyed numbers.
 * Absent optional strings are omitted, because the schema does not allow null for them.
 */
final class NumberOrderJson {

    private NumberOrderJson() {
    }

    static ObjectNode render(PlacedOrder order) {
        return render(order, order.status);
    }

    /** @param status what the order is shown as (its own status, or one an injection shows instead) */
    static ObjectNode render(PlacedOrder order, String status) {
        ObjectNode node = Json.object();
        node.put("id", order.id);
        node.put("record_type", "number_order");
        node.put("status", status);
        node.put("phone_numbers_count", order.lines.size());
        Json.putIfPresent(node, "connection_id", order.connectionId);
        Json.putIfPresent(node, "messaging_profile_id", order.messagingProfileId);
        Json.putIfPresent(node, "billing_group_id", order.billingGroupId);
        Json.putIfPresent(node, "customer_reference", order.customerReference);
        node.put("requirements_met", true);
        node.putArray("sub_number_orders_ids").add(order.subOrderId);
        node.put("created_at", Json.timestamp(order.createdAt));
        node.put("updated_at", Json.timestamp(order.updatedAt));
        ArrayNode numbers = node.putArray("phone_numbers");
        for (PlacedOrder.Line line : order.lines) {
            ObjectNode number = numbers.addObject();
            number.put("id", line.id());
            number.put("record_type", "number_order_phone_number");
            number.put("phone_number", line.phoneNumber());
            number.put("status", status);
            number.put("requirements_met", true);
            number.put("requirements_status", "approved");
            number.put("phone_number_type", line.type());
            number.put("country_code", "US");
            number.put("country_iso_alpha2", "US");
            number.putArray("regulatory_requirements");
        }
        return node;
    }

}
