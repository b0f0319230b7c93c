package com.numbering.telnyx.sandbox;

import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /messaging_profiles}: create (requires {@code name} and {@code whitelisted_destinations}, else 422),
 * list, retrieve, update, delete (numbers on a deleted profile lose it), and the profile's numbers.
 */
final class MessagingProfileEndpoints {

    private final SimulatorState state;

    MessagingProfileEndpoints(SimulatorState state) {
        this.state = state;
    }

    void register(Router router) {
        router.add("POST", "/messaging_profiles", this::create)
            .add("GET", "/messaging_profiles", this::list)
            .add("GET", "/messaging_profiles/{id}", this::retrieve)
            .add("PATCH", "/messaging_profiles/{id}", this::update)
            .add("DELETE", "/messaging_profiles/{id}", this::delete)
            .add("GET", "/messaging_profiles/{id}/phone_numbers", this::phoneNumbers);
    }

    private ApiResponse create(ApiRequest request) {
        ObjectNode settings = ProfileSettings.create(Json.parseObject(request.body()));
        MessagingProfileRecord profile = new MessagingProfileRecord(this.state.ids.uuid(), this.state.ids.token(24),
                settings, this.state.now());
        this.state.profiles.put(profile.id, profile);
        return ApiResponse.ok(Json.data(render(profile)));
    }

    private ApiResponse list(ApiRequest request) {
        Paging paging = Paging.of(request);
        String name = request.first("filter[name]");
        String nameEq = request.first("filter[name][eq]");
        String nameContains = request.first("filter[name][contains]");
        Predicate<MessagingProfileRecord> filter = p -> (name == null || p.name().equals(name))
                && (nameEq == null || p.name().equals(nameEq))
                && (nameContains == null || p.name().contains(nameContains));
        List<MessagingProfileRecord> matching = this.state.profiles.values().stream().filter(filter).toList();
        return ApiResponse.ok(paging.render(matching, this::render));
    }

    private ApiResponse retrieve(ApiRequest request) {
        return ApiResponse.ok(Json.data(render(this.state.requireProfile(request.pathParameter(0)))));
    }

    private ApiResponse update(ApiRequest request) {
        MessagingProfileRecord profile = this.state.requireProfile(request.pathParameter(0));
        ProfileSettings.apply(profile.settings, Json.parseObject(request.body()));
        profile.updatedAt = this.state.now();
        return ApiResponse.ok(Json.data(render(profile)));
    }

    private ApiResponse delete(ApiRequest request) {
        MessagingProfileRecord profile = this.state.requireProfile(request.pathParameter(0));
        this.state.profiles.remove(profile.id);
        this.state.numbers()
            .stream()
            .filter(n -> profile.id.equals(n.messagingProfileId))
            .forEach(n -> n.messagingProfileId = null);
        return ApiResponse.ok(Json.data(render(profile)));
    }

    private ApiResponse phoneNumbers(ApiRequest request) {
        MessagingProfileRecord profile = this.state.requireProfile(request.pathParameter(0));
        Paging paging = Paging.of(request);
        List<OwnedNumber> numbers = this.state.numbers()
            .stream()
            .filter(n -> profile.id.equals(n.messagingProfileId))
            .toList();
        return ApiResponse.ok(paging.render(numbers, n -> MessagingSettingsJson.render(n, this.state)));
    }

    private ObjectNode render(MessagingProfileRecord profile) {
        ObjectNode node = Json.object();
        node.put("id", profile.id);
        node.put("record_type", "messaging_profile");
        node.setAll(profile.settings);
        node.put("v1_secret", profile.v1Secret);
        node.put("organization_id", this.state.organizationId);
        node.put("redaction_enabled", false);
        node.put("redaction_level", 2);
        node.put("created_at", Json.timestamp(profile.createdAt));
        node.put("updated_at", Json.timestamp(profile.updatedAt));
        return node;
    }

}
