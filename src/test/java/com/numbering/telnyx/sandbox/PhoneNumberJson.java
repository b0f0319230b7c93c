package com.numbering.telnyx.sandbox;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code PhoneNumberDetailed} schema (and {@code PhoneNumberDeletedDetailed}, which allows no nulls).
 * {@code phone_number_type} is the modern {@code local}/{@code toll_free}, which SDK 2.8.0's enum does not know.
 * With unknown enums injected, a pending number reports {@code provision-pending} and a local number
 * {@code landline}: both valid in the current spec, both unknown to the SDK.
 */
final class PhoneNumberJson {

    private PhoneNumberJson() {
    }

    static ObjectNode detailed(OwnedNumber number, SimulatorState state) {
        boolean unknownEnums = state.injections.unknownEnums;
        ObjectNode node = Json.object();
        node.put("id", number.id);
        node.put("record_type", "phone_number");
        node.put("phone_number", number.phoneNumber);
        node.put("status", (unknownEnums && number.status.equals("purchase-pending")) ? "provision-pending"
                : number.status);
        node.set("tags", Json.array(number.tags));
        node.put("external_pin", number.externalPin);
        node.put("connection_id", number.connectionId);
        node.put("connection_name", (number.connectionId != null) ? "Connection " + number.connectionId : null);
        node.put("customer_reference", number.customerReference);
        node.put("messaging_profile_id", number.messagingProfileId);
        node.put("messaging_profile_name", state.profileName(number.messagingProfileId));
        node.put("billing_group_id", number.billingGroupId);
        node.put("emergency_enabled", false);
        node.put("emergency_address_id", (String) null);
        node.put("emergency_status", "disabled");
        node.put("call_forwarding_enabled", true);
        node.put("cnam_listing_enabled", false);
        node.put("caller_id_name_enabled", false);
        node.put("call_recording_enabled", false);
        node.put("t38_fax_gateway_enabled", false);
        node.put("hd_voice_enabled", number.hdVoiceEnabled);
        node.put("inbound_call_screening", "disabled");
        node.put("deletion_lock_enabled", false);
        node.put("phone_number_type", (unknownEnums && number.type.equals("local")) ? "landline" : number.type);
        node.put("source_type", "number_order");
        node.put("country_iso_alpha2", "US");
        node.put("purchased_at", Json.timestamp(number.createdAt));
        node.put("created_at", Json.timestamp(number.createdAt));
        node.put("updated_at", Json.timestamp(number.updatedAt));
        node.put("activated_at", Json.timestamp(number.activatedAt));
        return node;
    }

    /** What DELETE answers: the released number with status {@code deleted} and no null fields. */
    static ObjectNode deleted(OwnedNumber number, SimulatorState state) {
        ObjectNode node = detailed(number, state);
        node.put("status", "deleted");
        List<String> nulls = new ArrayList<>();
        node.properties().forEach(field -> {
            if (field.getValue().isNull()) {
                nulls.add(field.getKey());
            }
        });
        node.remove(nulls);
        return node;
    }

}
