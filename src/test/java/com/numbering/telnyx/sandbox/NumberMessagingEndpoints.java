package com.numbering.telnyx.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET/PATCH /phone_numbers/{id}/messaging}: the way a number joins a messaging profile. The id may be the
 * numeric id or the +E.164 number. {@code messaging_profile_id} {@code ""} unassigns, null or absent keeps; an
 * unknown profile answers 422 with code 10015.
 */
final class NumberMessagingEndpoints {

    private final SimulatorState state;

    NumberMessagingEndpoints(SimulatorState state) {
        this.state = state;
    }

    void register(Router router) {
        router.add("GET", "/phone_numbers/{id}/messaging", this::retrieve)
            .add("PATCH", "/phone_numbers/{id}/messaging", this::update);
    }

    private ApiResponse retrieve(ApiRequest request) {
        OwnedNumber number = this.state.requireNumberByIdOrE164(request.pathParameter(0));
        return ApiResponse.ok(Json.data(MessagingSettingsJson.render(number, this.state)));
    }

    private ApiResponse update(ApiRequest request) {
        OwnedNumber number = this.state.requireNumberByIdOrE164(request.pathParameter(0));
        ObjectNode body = Json.parseObject(request.body());
        String profileId = Json.text(body, "messaging_profile_id");
        if (profileId != null && !profileId.isEmpty() && !this.state.profiles.containsKey(profileId)) {
            throw ApiError.invalid("messaging_profile_id", "The messaging profile does not exist on this account.");
        }
        String product = Json.text(body, "messaging_product");
        if (profileId != null) {
            number.messagingProfileId = profileId.isEmpty() ? null : profileId;
        }
        if (product != null) {
            number.messagingProduct = product;
        }
        if (body.has("tags") && !body.get("tags").isNull()) {
            number.tags = PhoneNumberEndpoints.tags(body.get("tags"));
        }
        number.updatedAt = this.state.now();
        return ApiResponse.ok(Json.data(MessagingSettingsJson.render(number, this.state)));
    }

}
