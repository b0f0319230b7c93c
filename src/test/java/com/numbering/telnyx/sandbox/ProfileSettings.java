package com.numbering.telnyx.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The writable fields of a messaging profile, their defaults and their validation (unknown fields are ignored). */
final class ProfileSettings {

    private static final Predicate<JsonNode> TEXT = JsonNode::isTextual;

    private static final Predicate<JsonNode> TEXT_OR_NULL = node -> node.isTextual() || node.isNull();

    private static final Predicate<JsonNode> BOOLEAN = JsonNode::isBoolean;

    private static final Map<String, Predicate<JsonNode>> FIELDS = Map.ofEntries(
            Map.entry("name", node -> node.isTextual() && !node.asText().isBlank()),
            Map.entry("enabled", BOOLEAN), Map.entry("webhook_url", TEXT_OR_NULL),
            Map.entry("webhook_failover_url", TEXT_OR_NULL), Map.entry("health_webhook_url", TEXT_OR_NULL),
            Map.entry("webhook_api_version", node -> Set.of("1", "2", "2010-04-01").contains(node.asText(""))),
            Map.entry("whitelisted_destinations", ProfileSettings::isDestinationList),
            Map.entry("number_pool_settings", node -> node.isNull() || (node.isObject()
                    && node.has("long_code_weight") && node.has("toll_free_weight") && node.has("skip_unhealthy"))),
            Map.entry("url_shortener_settings", node -> node.isNull() || (node.isObject() && node.has("domain"))),
            Map.entry("alpha_sender", node -> node.isNull() || node.asText("").matches("[A-Za-z0-9 ]{1,11}")),
            Map.entry("daily_spend_limit", node -> node.isTextual() && node.asText().matches("[0-9]+(\\.[0-9]+)?")),
            Map.entry("daily_spend_limit_enabled", BOOLEAN), Map.entry("mms_fall_back_to_sms", BOOLEAN),
            Map.entry("mms_transcoding", BOOLEAN), Map.entry("mobile_only", BOOLEAN),
            Map.entry("smart_encoding", BOOLEAN), Map.entry("resource_group_id", TEXT_OR_NULL),
            Map.entry("ai_assistant_id", TEXT_OR_NULL));

    private ProfileSettings() {
    }

    /** Settings for a new profile: required fields checked, then defaults for whatever was left out. */
    static ObjectNode create(ObjectNode request) {
        for (String required : new String[] { "name", "whitelisted_destinations" }) {
            if (!request.hasNonNull(required)) {
                throw ApiError.unprocessable("10004", "Missing required parameter",
                        "The '" + required + "' parameter is required.", "/" + required);
            }
        }
        ObjectNode settings = Json.object();
        settings.put("enabled", true);
        settings.put("webhook_url", "");
        settings.put("webhook_failover_url", "");
        settings.put("webhook_api_version", "2");
        for (String nullable : new String[] { "number_pool_settings", "url_shortener_settings", "alpha_sender",
                "health_webhook_url", "resource_group_id", "ai_assistant_id" }) {
            settings.set(nullable, NullNode.getInstance());
        }
        for (String flag : new String[] { "daily_spend_limit_enabled", "mms_fall_back_to_sms", "mms_transcoding",
                "mobile_only", "smart_encoding" }) {
            settings.put(flag, false);
        }
        apply(settings, request);
        return settings;
    }

    /** Copies the known fields of a request onto the settings after validating all of them. */
    static void apply(ObjectNode settings, ObjectNode request) {
        FIELDS.forEach((field, valid) -> {
            JsonNode value = request.get(field);
            if (value != null && !valid.test(value)) {
                throw ApiError.invalid(field, "Invalid value for '" + field + "'.");
            }
        });
        FIELDS.keySet().stream().filter(request::has).forEach(field -> settings.set(field, request.get(field)));
    }

    private static boolean isDestinationList(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode destination : node) {
            if (!destination.isTextual() || !destination.asText().matches("[A-Z]{2}|\\*")) {
                return false;
            }
        }
        return true;
    }

}
