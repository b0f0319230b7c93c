package com.numbering.telnyx.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code PhoneNumberWithMessagingSettings} schema. */
final class MessagingSettingsJson {

    private MessagingSettingsJson() {
    }

    static ObjectNode render(OwnedNumber number, SimulatorState state) {
        ObjectNode node = Json.object();
        node.put("record_type", "messaging_settings");
        node.put("id", number.id);
        node.put("phone_number", number.phoneNumber);
        node.put("messaging_profile_id", number.messagingProfileId);
        node.put("organization_id", state.organizationId);
        node.put("country_code", "US");
        node.put("type", number.type.equals("toll_free") ? "toll-free" : "long-code");
        ObjectNode features = node.putObject("features");
        features.set("sms", featureSet());
        features.set("mms", featureSet());
        node.putArray("eligible_messaging_products").add("A2P");
        node.put("messaging_product", number.messagingProduct);
        node.put("traffic_type", number.messagingProduct);
        node.set("tags", Json.array(number.tags));
        node.put("created_at", Json.timestamp(number.createdAt));
        node.put("updated_at", Json.timestamp(number.updatedAt));
        return node;
    }

    private static ObjectNode featureSet() {
        ObjectNode set = Json.object();
        set.put("domestic_two_way", true);
        set.put("international_inbound", false);
        set.put("international_outbound", false);
        return set;
    }

}
