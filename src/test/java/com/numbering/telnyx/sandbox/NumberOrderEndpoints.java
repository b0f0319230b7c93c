package com.numbering.telnyx.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /number_orders}. Orders are checked synchronously and rejected whole with HTTP 422: 85004 (unknown
 * connection), 85005 (unknown messaging profile), 85000 (number not returned by a search) and 85001 (number no
 * longer for sale). An accepted order answers 200 {@code pending}; each {@code GET /number_orders/{id}} counts
 * as a poll, and after {@code pendingPollsBeforeSuccess} polls the order succeeds and its numbers turn active.
 */
final class NumberOrderEndpoints {

    private final SimulatorState state;

    NumberOrderEndpoints(SimulatorState state) {
        this.state = state;
    }

    void register(Router router) {
        router.add("POST", "/number_orders", this::create)
            .add("GET", "/number_orders", this::list)
            .add("GET", "/number_orders/{id}", this::retrieve)
            .add("PATCH", "/number_orders/{id}", this::update);
    }

    private ApiResponse create(ApiRequest request) {
        ObjectNode body = Json.parseObject(request.body());
        Set<String> numbers = requestedNumbers(body);
        String connectionId = Json.text(body, "connection_id");
        String profileId = Json.text(body, "messaging_profile_id");
        if (connectionId != null && !this.state.settings.voiceConnectionIds().contains(connectionId)) {
            throw ApiError.unprocessable("85004", "Invalid connection id",
                    "The connection_id does not belong to a connection on this account.", "/connection_id");
        }
        if (profileId != null && !this.state.profiles.containsKey(profileId)) {
            throw ApiError.unprocessable("85005", "Invalid messaging profile id",
                    "The messaging_profile_id does not belong to a messaging profile on this account.",
                    "/messaging_profile_id");
        }
        for (String number : numbers) {
            if (!this.state.pool.wasSearched(number)) {
                throw ApiError.unprocessable("85000", "Must search phone number via search API first",
                        "To order a phone number, it must have been returned in a recent search request.",
                        "/phone_numbers");
            }
        }
        if (this.state.injections.stealNextOrders > 0) {
            this.state.injections.stealNextOrders--;
            numbers.forEach(this.state.pool::take);
        }
        if (!numbers.stream().allMatch(this.state.pool::isAvailable)) {
            throw ApiError.unprocessable("85001", "Phone numbers not available",
                    "The numbers you are trying to order are no longer available for purchase.", "/phone_numbers");
        }
        PlacedOrder order = place(numbers, Json.text(body, "customer_reference"), connectionId, profileId,
                Json.text(body, "billing_group_id"));
        return ApiResponse.ok(Json.data(NumberOrderJson.render(order)));
    }

    private PlacedOrder place(Set<String> numbers, String customerReference, String connectionId, String profileId,
            String billingGroupId) {
        List<PlacedOrder.Line> lines = new ArrayList<>();
        for (String e164 : numbers) {
            String type = this.state.pool.describe(e164).type();
            OwnedNumber owned = this.state.addNumber(e164, type, "purchase-pending");
            owned.connectionId = this.state.settings.attachConnectionOnOrder() ? connectionId : null;
            owned.messagingProfileId = profileId;
            owned.billingGroupId = billingGroupId;
            owned.customerReference = this.state.injections.copyCustomerReference ? customerReference : null;
            lines.add(new PlacedOrder.Line(this.state.ids.uuid(), e164, type, owned.id));
        }
        PlacedOrder order = new PlacedOrder(this.state.ids.uuid(), this.state.ids.uuid(), customerReference,
                connectionId, profileId, billingGroupId, lines, this.state.now());
        this.state.orders.put(order.id, order);
        if (this.state.settings.pendingPollsBeforeSuccess() == 0) {
            this.state.completeOrder(order);
        }
        return order;
    }

    private static Set<String> requestedNumbers(ObjectNode body) {
        Set<String> numbers = new LinkedHashSet<>();
        for (JsonNode entry : body.path("phone_numbers")) {
            JsonNode number = entry.path("phone_number");
            if (!number.isTextual() || !number.asText().matches("\\+1\\d{10}")) {
                throw ApiError.invalid("phone_numbers", "Every phone_numbers entry needs a +E.164 phone_number.");
            }
            numbers.add(number.asText());
        }
        if (numbers.isEmpty()) {
            throw ApiError.invalid("phone_numbers", "phone_numbers must contain at least one phone number.");
        }
        return numbers;
    }

    private ApiResponse retrieve(ApiRequest request) {
        PlacedOrder order = require(request.pathParameter(0));
        this.state.observe(order);
        return ApiResponse.ok(Json.data(NumberOrderJson.render(order, this.state.shownStatus(order))));
    }

    private ApiResponse update(ApiRequest request) {
        PlacedOrder order = require(request.pathParameter(0));
        ObjectNode body = Json.parseObject(request.body());
        if (body.has("customer_reference")) {
            order.customerReference = Json.text(body, "customer_reference");
            order.updatedAt = this.state.now();
        }
        return ApiResponse.ok(Json.data(NumberOrderJson.render(order)));
    }

    /** Newest first, like the API's default. */
    private ApiResponse list(ApiRequest request) {
        Paging paging = Paging.of(request);
        List<PlacedOrder> orders = new ArrayList<>(this.state.orders.values());
        Collections.reverse(orders);
        List<PlacedOrder> matching = orders.stream().filter(NumberOrderFilter.from(request)).toList();
        return ApiResponse.ok(paging.render(matching, NumberOrderJson::render));
    }

    private PlacedOrder require(String id) {
        PlacedOrder order = this.state.orders.get(id);
        if (order == null) {
            throw ApiError.notFound("Number order " + id + " was not found.");
        }
        return order;
    }

}
