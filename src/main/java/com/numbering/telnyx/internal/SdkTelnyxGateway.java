package com.numbering.telnyx.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.ws.rs.core.GenericType;

import com.fasterxml.jackson.databind.JsonNode;
import com.numbering.pacing.Turn;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.internal.TelnyxCalls.Kind;
import com.telnyx.sdk.ApiClient;
import com.telnyx.sdk.ApiException;
import com.telnyx.sdk.Pair;
import com.telnyx.sdk.model.CreateMessageRequest;
import com.telnyx.sdk.model.CreateNumberOrderRequest;
import com.telnyx.sdk.model.ListNumberOrdersResponse;
import com.telnyx.sdk.model.MessageResponse;
import com.telnyx.sdk.model.NumberOrderResponse;
import com.telnyx.sdk.model.PhoneNumber;

/**
 * {@link TelnyxGateway} over the Telnyx Java SDK 2.8.0, through its {@link ApiClient} (its HTTP stack, auth and
 * JSON). Where the SDK's generated operations are wrong for today's API (stale filter names, enums that miss
 * today's values, models without {@code features} or {@code whitelisted_destinations}) the request is built here
 * with the current wire names and the response read as JSON; see docs/telnyx-sdk.md.
 */
final class SdkTelnyxGateway implements TelnyxGateway {

    private static final String[] AUTH = { "bearerAuth" };

    private static final String JSON = "application/json";

    private static final GenericType<JsonNode> JSON_NODE = new GenericType<>() {
    };

    private final ApiClient api;

    private final TelnyxCalls calls;

    private final TelnyxJson json;

    SdkTelnyxGateway(ApiClient api, TelnyxCalls calls) {
        this.api = api;
        this.calls = calls;
        this.json = new TelnyxJson();
    }

    @Override
    public List<AvailableNumber> searchLocalNumbers(NumberSearch search) {
        List<Pair> query = new ArrayList<>();
        query.add(new Pair("filter[country_code]", "US"));
        // The SDK would send filter[number_type], which today's API silently ignores.
        query.add(new Pair("filter[phone_number_type]", "local"));
        if (search.areaCode() != null) {
            query.add(new Pair("filter[national_destination_code]", search.areaCode()));
        }
        if (search.administrativeArea() != null) {
            query.add(new Pair("filter[administrative_area]", search.administrativeArea()));
        }
        search.features().forEach(feature -> query.add(new Pair("filter[features]", feature)));
        query.add(new Pair("filter[best_effort]", "false"));
        query.add(new Pair("filter[exclude_held_numbers]", "true"));
        query.add(new Pair("filter[limit]", Integer.toString(search.limit())));
        JsonNode body = this.calls.execute("GET /available_phone_numbers", Kind.READ,
                () -> invoke("GET", "/available_phone_numbers", query, null, JSON_NODE));
        return this.json.availableNumbers(body);
    }

    @Override
    public NumberOrder orderNumber(NumberOrderRequest request) {
        CreateNumberOrderRequest body = new CreateNumberOrderRequest()
            .phoneNumbers(List.of(new PhoneNumber().phoneNumber(request.phoneNumber())))
            .connectionId(request.connectionId())
            .messagingProfileId(request.messagingProfileId())
            .customerReference(request.customerReference());
        NumberOrderResponse response = this.calls.execute("POST /number_orders", Kind.WRITE,
                () -> invoke("POST", "/number_orders", List.of(), body, new GenericType<NumberOrderResponse>() {
                }));
        return this.json.order(response.getData());
    }

    @Override
    public NumberOrder getOrder(String orderId) {
        NumberOrderResponse response = this.calls.execute("GET /number_orders/{id}", Kind.READ,
                () -> invoke("GET", "/number_orders/" + segment(orderId), List.of(), null,
                        new GenericType<NumberOrderResponse>() {
                        }));
        return this.json.order(response.getData());
    }

    @Override
    public Optional<NumberOrder> findOrderByCustomerReference(String customerReference) {
        List<Pair> query = List.of(new Pair("filter[customer_reference]", customerReference),
                new Pair("page[size]", "250"));
        ListNumberOrdersResponse response = this.calls.execute("GET /number_orders", Kind.READ,
                () -> invoke("GET", "/number_orders", query, null, new GenericType<ListNumberOrdersResponse>() {
                }));
        // Unknown filters are silently ignored by Telnyx: never trust that the server filtered.
        return response.getData() == null ? Optional.empty()
                : response.getData()
                    .stream()
                    .filter(order -> customerReference.equals(order.getCustomerReference()))
                    .map(this.json::order)
                    .findFirst();
    }

    @Override
    public Optional<OwnedNumber> findOwnedNumber(String e164) {
        // filter[phone_number] takes digits only: a '+' yields nothing.
        String digits = e164.replaceAll("\\D", "");
        List<Pair> query = List.of(new Pair("filter[phone_number]", digits), new Pair("page[size]", "20"));
        JsonNode body = this.calls.execute("GET /phone_numbers", Kind.READ,
                () -> invoke("GET", "/phone_numbers", query, null, JSON_NODE));
        return this.json.ownedNumbers(body.path("data")).stream().filter(n -> e164.equals(n.phoneNumber())).findFirst();
    }

    @Override
    public OwnedNumber getOwnedNumber(String numberId) {
        JsonNode body = this.calls.execute("GET /phone_numbers/{id}", Kind.READ,
                () -> invoke("GET", "/phone_numbers/" + segment(numberId), List.of(), null, JSON_NODE));
        return this.json.ownedNumber(body.path("data"));
    }

    @Override
    public OwnedNumber updateNumber(String numberId, NumberUpdate update) {
        Map<String, Object> body = new LinkedHashMap<>();
        putIfSet(body, "connection_id", update.connectionId());
        putIfSet(body, "customer_reference", update.customerReference());
        putIfSet(body, "tags", update.tags());
        JsonNode response = this.calls.execute("PATCH /phone_numbers/{id}", Kind.IDEMPOTENT_WRITE,
                () -> invoke("PATCH", "/phone_numbers/" + segment(numberId), List.of(), body, JSON_NODE));
        return this.json.ownedNumber(response.path("data"));
    }

    @Override
    public OwnedNumber releaseNumber(String numberId) {
        JsonNode response = this.calls.execute("DELETE /phone_numbers/{id}", Kind.WRITE,
                () -> invoke("DELETE", "/phone_numbers/" + segment(numberId), List.of(), null, JSON_NODE));
        return this.json.ownedNumber(response.path("data"));
    }

    @Override
    public InventoryPage listInventory(int pageNumber, int pageSize) {
        List<Pair> query = List.of(new Pair("page[number]", Integer.toString(pageNumber)),
                new Pair("page[size]", Integer.toString(pageSize)));
        JsonNode body = this.calls.execute("GET /phone_numbers", Kind.READ,
                () -> invoke("GET", "/phone_numbers", query, null, JSON_NODE));
        return this.json.inventoryPage(body, pageNumber);
    }

    @Override
    public MessagingProfile createMessagingProfile(MessagingProfileSettings settings) {
        // The SDK's CreateMessagingProfileRequest has no whitelisted_destinations, which the API requires.
        JsonNode response = this.calls.execute("POST /messaging_profiles", Kind.WRITE,
                () -> invoke("POST", "/messaging_profiles", List.of(), this.json.profileBody(settings), JSON_NODE));
        return this.json.messagingProfile(response.path("data"));
    }

    @Override
    public Optional<MessagingProfile> getMessagingProfile(String profileId) {
        return unlessNotFound(() -> {
            JsonNode response = this.calls.execute("GET /messaging_profiles/{id}", Kind.READ,
                    () -> invoke("GET", "/messaging_profiles/" + segment(profileId), List.of(), null, JSON_NODE));
            return this.json.messagingProfile(response.path("data"));
        });
    }

    @Override
    public Optional<MessagingProfile> findMessagingProfileByName(String name) {
        List<Pair> query = List.of(new Pair("filter[name][eq]", name), new Pair("page[size]", "250"));
        JsonNode response = this.calls.execute("GET /messaging_profiles", Kind.READ,
                () -> invoke("GET", "/messaging_profiles", query, null, JSON_NODE));
        List<MessagingProfile> profiles = new ArrayList<>();
        response.path("data").forEach(item -> profiles.add(this.json.messagingProfile(item)));
        // Never trust that the server filtered: unknown filters are silently ignored.
        return profiles.stream().filter(profile -> name.equals(profile.settings().name())).findFirst();
    }

    @Override
    public MessagingProfile updateMessagingProfile(String profileId, MessagingProfileSettings settings) {
        JsonNode response = this.calls.execute("PATCH /messaging_profiles/{id}", Kind.IDEMPOTENT_WRITE,
                () -> invoke("PATCH", "/messaging_profiles/" + segment(profileId), List.of(),
                        this.json.profileBody(settings), JSON_NODE));
        return this.json.messagingProfile(response.path("data"));
    }

    @Override
    public void assignMessagingProfile(String numberId, String profileId) {
        Map<String, Object> body = Map.of("messaging_profile_id", profileId);
        this.calls.execute("PATCH /phone_numbers/{id}/messaging", Kind.IDEMPOTENT_WRITE,
                () -> invoke("PATCH", "/phone_numbers/" + segment(numberId) + "/messaging", List.of(), body, JSON_NODE));
    }

    @Override
    public Optional<CampaignAssignment> getCampaignAssignment(String e164) {
        return unlessNotFound(() -> {
            JsonNode response = this.calls.execute("GET /10dlc/phone_number_campaigns/{phoneNumber}", Kind.READ,
                    () -> invoke("GET", "/10dlc/phone_number_campaigns/" + segment(e164), List.of(), null, JSON_NODE));
            return this.json.campaignAssignment(response);
        });
    }

    @Override
    public SentMessage sendMessage(OutboundMessage message, Turn turn, Instant leaveBy) {
        CreateMessageRequest body = new CreateMessageRequest().from(message.from())
            .to(message.to())
            .text(message.text());
        MessageResponse response = this.calls.execute("POST /messages", Kind.WRITE, turn, Departure.firstBy(leaveBy,
                () -> invoke("POST", "/messages", List.of(), body, new GenericType<MessageResponse>() {
                })));
        return this.json.sentMessage(response.getData());
    }

    @Override
    public Optional<MessageStatus> getMessage(String messageId) {
        return unlessNotFound(() -> this.json.messageStatus(this.calls.execute("GET /messages/{id}", Kind.READ,
                () -> invoke("GET", "/messages/" + segment(messageId), List.of(), null, JSON_NODE))
            .path("data")));
    }

    private <T> T invoke(String method, String path, List<Pair> query, Object body, GenericType<T> type)
            throws ApiException {
        return this.api
            .invokeAPI(method + " " + path, path, method, new ArrayList<>(query), body, new HashMap<>(),
                    new HashMap<>(), new HashMap<>(), JSON, JSON, AUTH, type, false)
            .getData();
    }

    /** A read whose 404 means "there is none", not a failure. */
    private static <T> Optional<T> unlessNotFound(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        }
        catch (TelnyxException.Rejected ex) {
            if (ex.isNotFound()) {
                return Optional.empty();
            }
            throw ex;
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void putIfSet(Map<String, Object> body, String name, Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }

}
