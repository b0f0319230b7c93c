package com.numbering.telnyx.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.numbering.telnyx.TelnyxGateway.AvailableNumber;
import com.numbering.telnyx.TelnyxGateway.CampaignAssignment;
import com.numbering.telnyx.TelnyxGateway.InventoryPage;
import com.numbering.telnyx.TelnyxGateway.MessageStatus;
import com.numbering.telnyx.TelnyxGateway.MessagingProfile;
import com.numbering.telnyx.TelnyxGateway.MessagingProfileSettings;
import com.numbering.telnyx.TelnyxGateway.NumberOrder;
import com.numbering.telnyx.TelnyxGateway.OrderStatus;
import com.numbering.telnyx.TelnyxGateway.OrderedNumber;
import com.numbering.telnyx.TelnyxGateway.OwnedNumber;
import com.numbering.telnyx.TelnyxGateway.SentMessage;
import com.telnyx.sdk.model.OutboundMessagePayload;
import com.telnyx.sdk.model.PhoneNumber;

/**
 * Maps Telnyx payloads to domain records, tolerating absent fields and values this client does not know.
 */
final class TelnyxJson {

    List<AvailableNumber> availableNumbers(JsonNode body) {
        List<AvailableNumber> numbers = new ArrayList<>();
        for (JsonNode item : body.path("data")) {
            String number = text(item, "phone_number");
            if (number == null) {
                continue;
            }
            List<String> features = new ArrayList<>();
            item.path("features").forEach(feature -> {
                if (feature.hasNonNull("name")) {
                    features.add(feature.get("name").asText());
                }
            });
            // Absent best_effort is not proof of an exact match: treat it as best effort.
            boolean bestEffort = !item.has("best_effort") || item.path("best_effort").asBoolean(true);
            numbers.add(new AvailableNumber(number, bestEffort, features));
        }
        return numbers;
    }

    NumberOrder order(com.telnyx.sdk.model.NumberOrder order) {
        if (order == null) {
            throw new IllegalStateException("Telnyx answered a number order call without an order");
        }
        List<OrderedNumber> numbers = new ArrayList<>();
        if (order.getPhoneNumbers() != null) {
            for (PhoneNumber number : order.getPhoneNumbers()) {
                numbers.add(new OrderedNumber(number.getId() != null ? number.getId().toString() : null,
                        number.getPhoneNumber(), status(number.getStatus() != null ? number.getStatus().getValue() : null)));
            }
        }
        String status = order.getStatus() != null ? order.getStatus().getValue() : null;
        return new NumberOrder(order.getId() != null ? order.getId().toString() : null, status(status),
                order.getCustomerReference(), numbers);
    }

    private static OrderStatus status(String value) {
        if (value == null) {
            // READ_UNKNOWN_ENUM_VALUES_AS_NULL turned a value we do not know (cancelled, deleted…) into null.
            return OrderStatus.UNKNOWN;
        }
        return switch (value) {
            case "pending" -> OrderStatus.PENDING;
            case "success" -> OrderStatus.SUCCESS;
            case "failure" -> OrderStatus.FAILURE;
            default -> OrderStatus.UNKNOWN;
        };
    }

    List<OwnedNumber> ownedNumbers(JsonNode data) {
        List<OwnedNumber> numbers = new ArrayList<>();
        data.forEach(item -> numbers.add(ownedNumber(item)));
        return numbers;
    }

    OwnedNumber ownedNumber(JsonNode item) {
        List<String> tags = new ArrayList<>();
        item.path("tags").forEach(tag -> tags.add(tag.asText()));
        return new OwnedNumber(text(item, "id"), text(item, "phone_number"), text(item, "status"),
                text(item, "phone_number_type"), text(item, "connection_id"), text(item, "customer_reference"),
                text(item, "messaging_profile_id"), tags);
    }

    InventoryPage inventoryPage(JsonNode body, int requestedPage) {
        JsonNode meta = body.path("meta");
        int page = meta.path("page_number").asInt(requestedPage);
        int totalPages = meta.path("total_pages").asInt(page);
        long total = meta.path("total_results").asLong(0);
        return new InventoryPage(ownedNumbers(body.path("data")), page, totalPages, total);
    }

    Map<String, Object> profileBody(MessagingProfileSettings settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", settings.name());
        body.put("enabled", settings.enabled());
        body.put("whitelisted_destinations", settings.whitelistedDestinations());
        body.put("webhook_url", settings.webhookUrl());
        body.put("webhook_failover_url", settings.webhookFailoverUrl());
        body.put("webhook_api_version", settings.webhookApiVersion());
        return body;
    }

    MessagingProfile messagingProfile(JsonNode item) {
        List<String> destinations = new ArrayList<>();
        item.path("whitelisted_destinations").forEach(d -> destinations.add(d.asText()));
        return new MessagingProfile(text(item, "id"),
                new MessagingProfileSettings(text(item, "name"), item.path("enabled").asBoolean(true), destinations,
                        text(item, "webhook_url"), text(item, "webhook_failover_url"),
                        text(item, "webhook_api_version")));
    }

    CampaignAssignment campaignAssignment(JsonNode item) {
        // The spec returns this object without a data wrapper; accept both.
        JsonNode node = item.has("data") ? item.get("data") : item;
        return new CampaignAssignment(text(node, "phoneNumber"), text(node, "campaignId"),
                text(node, "assignmentStatus"));
    }

    SentMessage sentMessage(OutboundMessagePayload payload) {
        if (payload == null || payload.getId() == null) {
            throw new IllegalStateException("Telnyx accepted a message without returning its id");
        }
        String status = payload.getTo() != null && !payload.getTo().isEmpty() && payload.getTo().get(0).getStatus() != null
                ? payload.getTo().get(0).getStatus().getValue() : null;
        return new SentMessage(payload.getId().toString(), payload.getParts() != null ? payload.getParts() : 1, status);
    }

    MessageStatus messageStatus(JsonNode item) {
        JsonNode error = item.path("errors").path(0);
        String completedAt = text(item, "completed_at");
        return new MessageStatus(text(item, "id"), text(item.path("to").path(0), "status"), text(error, "code"),
                text(error, "title"), completedAt == null ? null : OffsetDateTime.parse(completedAt).toInstant());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

}
