package com.numbering.telnyx.sandbox;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /phone_numbers} and {@code /phone_numbers/{id}}. A deleted number leaves the account at once (later
 * reads answer 404 and lists skip it) and goes on hold in the search pool. Assigning an unknown
 * {@code connection_id} answers 422 with code 10015: the order-specific 85004 is not documented for PATCH.
 */
final class PhoneNumberEndpoints {

    private final SimulatorState state;

    PhoneNumberEndpoints(SimulatorState state) {
        this.state = state;
    }

    void register(Router router) {
        router.add("GET", "/phone_numbers", this::list)
            .add("GET", "/phone_numbers/{id}", this::retrieve)
            .add("PATCH", "/phone_numbers/{id}", this::update)
            .add("DELETE", "/phone_numbers/{id}", this::delete);
    }

    private ApiResponse list(ApiRequest request) {
        Paging paging = Paging.of(request);
        if (PhoneNumberFilter.isUnfilteredDefaultOrder(request)) {
            return ApiResponse.ok(paging.render(this.state.listedNewestFirst(), n -> {
                this.state.observe(n);
                return PhoneNumberJson.detailed(n, this.state);
            }));
        }
        List<OwnedNumber> matching = this.state.numbers()
            .stream()
            .filter(this.state::isListed)
            .filter(PhoneNumberFilter.from(request))
            .sorted(PhoneNumberFilter.sort(request))
            .toList();
        return ApiResponse.ok(paging.render(matching, n -> {
            this.state.observe(n);
            return PhoneNumberJson.detailed(n, this.state);
        }));
    }

    private ApiResponse retrieve(ApiRequest request) {
        OwnedNumber number = this.state.requireNumber(request.pathParameter(0));
        this.state.observe(number);
        return ApiResponse.ok(Json.data(PhoneNumberJson.detailed(number, this.state)));
    }

    private ApiResponse update(ApiRequest request) {
        OwnedNumber number = this.state.requireNumber(request.pathParameter(0));
        ObjectNode body = Json.parseObject(request.body());
        if (body.has("connection_id")) {
            String connectionId = Json.text(body, "connection_id");
            if (connectionId != null && !connectionId.isEmpty()
                    && !this.state.settings.voiceConnectionIds().contains(connectionId)) {
                throw ApiError.invalid("connection_id", "The connection_id is not a connection on this account.");
            }
            number.connectionId = (connectionId == null || connectionId.isEmpty()) ? null : connectionId;
        }
        if (body.has("customer_reference")) {
            number.customerReference = Json.text(body, "customer_reference");
        }
        if (body.has("billing_group_id")) {
            number.billingGroupId = Json.text(body, "billing_group_id");
        }
        if (body.has("external_pin")) {
            number.externalPin = Json.text(body, "external_pin");
        }
        if (body.has("hd_voice_enabled")) {
            number.hdVoiceEnabled = body.path("hd_voice_enabled").asBoolean();
        }
        if (body.has("tags")) {
            number.tags = tags(body.get("tags"));
        }
        number.updatedAt = this.state.now();
        return ApiResponse.ok(Json.data(PhoneNumberJson.detailed(number, this.state)));
    }

    private ApiResponse delete(ApiRequest request) {
        OwnedNumber number = this.state.requireNumber(request.pathParameter(0));
        this.state.removeNumber(number);
        number.status = "deleted";
        number.updatedAt = this.state.now();
        return ApiResponse.ok(Json.data(PhoneNumberJson.deleted(number, this.state)));
    }

    static List<String> tags(JsonNode tags) {
        if (tags.isNull()) {
            return new ArrayList<>();
        }
        if (!tags.isArray()) {
            throw ApiError.invalid("tags", "tags must be an array of strings.");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode tag : tags) {
            if (!tag.isTextual()) {
                throw ApiError.invalid("tags", "tags must be an array of strings.");
            }
            values.add(tag.asText());
        }
        return values;
    }

}
