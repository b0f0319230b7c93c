package com.numbering.telnyx.sandbox;

import java.time.Instant;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /messages} and {@code GET /messages/{id}}. Checks, in order: {@code to} is one +E.164 number
 * (400/40310); {@code from} is an account number on a messaging profile (400/40305) and active (400/40320); the
 * profile is enabled (40312), has a whitelist (40331) that covers the destination (40309); there is content
 * (40316); the recipient has not sent STOP (409/40300); at most 10 parts (40302). Accepted messages are
 * {@code queued}; reading one back settles it as the carrier would ({@link DeliveryOutcome}, delivered unless
 * the recipient was given another outcome). The destination's country is libphonenumber's region of {@code to}.
 */
final class MessageEndpoints {

    private final SimulatorState state;

    MessageEndpoints(SimulatorState state) {
        this.state = state;
    }

    void register(Router router) {
        router.add("POST", "/messages", this::send).add("GET", "/messages/{id}", this::retrieve);
    }

    private ApiResponse send(ApiRequest request) {
        ObjectNode body = Json.parseObject(request.body());
        JsonNode toNode = body.path("to");
        String to = toNode.asText("");
        if (!toNode.isTextual() || !to.matches("\\+1[2-9]\\d{9}|\\+[2-9]\\d{6,14}")) {
            throw error(400, "40310", "Invalid 'to' address",
                    "The 'to' address should be a single valid +E.164 phone number or short code.", "/to");
        }
        OwnedNumber sender = sender(body);
        MessagingProfileRecord profile = this.state.requireProfile(sender.messagingProfileId);
        checkProfile(profile, to);
        String text = body.path("text").asText("");
        JsonNode media = body.path("media_urls");
        if (text.isEmpty() && media.isEmpty()) {
            throw error(400, "40316", "No content provided", "Either 'text' or 'media_urls' is required.", "/text");
        }
        if (this.state.injections.blockedRecipients.contains(to)) {
            throw error(409, "40300", "Blocked due to STOP message",
                    "Messages cannot be sent to this recipient: it replied STOP.", "/to");
        }
        SmsEncoding encoding = SmsEncoding.of(text, body.path("encoding").asText(null));
        if (encoding.parts() > 10) {
            throw error(400, "40302", "Message too large", "The message would need more than 10 parts.", "/text");
        }
        Instant now = this.state.now();
        String id = this.state.ids.uuid();
        ObjectNode message = MessageJson.render(id, body, sender, profile, encoding, now, this.state);
        this.state.messages.put(id, message);
        this.state.acceptedMessages.add(new LedgerMessage(id, sender.phoneNumber, to, text, encoding.name(),
                encoding.parts(), now));
        return ApiResponse.ok(Json.data(message));
    }

    private OwnedNumber sender(ObjectNode body) {
        JsonNode from = body.path("from");
        OwnedNumber sender = from.isTextual() ? this.state.numberByE164(from.asText()).orElse(null) : null;
        if (sender == null || sender.messagingProfileId == null) {
            throw error(400, "40305", "Invalid 'from' address",
                    "The 'from' address must be a number on this account assigned to a messaging profile.", "/from");
        }
        if (!"active".equals(sender.status)) {
            throw error(400, "40320", "Sending number temporarily unusable",
                    "The 'from' number is still being provisioned; wait before resending.", "/from");
        }
        return sender;
    }

    private static void checkProfile(MessagingProfileRecord profile, String to) {
        if (!profile.enabled()) {
            throw error(400, "40312", "Messaging profile disabled", "The messaging profile is disabled.", "/from");
        }
        if (!profile.hasWhitelist()) {
            throw error(400, "40331", "Missing whitelisted destinations",
                    "The messaging profile has no whitelisted destinations.", "/from");
        }
        if (!profile.allows(region(to))) {
            throw error(400, "40309", "Invalid destination region",
                    "The destination is not in the messaging profile's whitelisted destinations.", "/to");
        }
    }

    private static String region(String e164) {
        try {
            String region = PhoneNumberUtil.getInstance().getRegionCodeForNumber(PhoneNumberUtil.getInstance()
                .parse(e164, "ZZ"));
            return region == null ? "ZZ" : region;
        }
        catch (NumberParseException ex) {
            return "ZZ";
        }
    }

    private ApiResponse retrieve(ApiRequest request) {
        ObjectNode message = this.state.messages.get(request.pathParameter(0));
        if (message == null) {
            throw ApiError.notFound("Message " + request.pathParameter(0) + " was not found.");
        }
        settle(message);
        return ApiResponse.ok(Json.data(message));
    }

    private void settle(ObjectNode message) {
        ObjectNode to = (ObjectNode) message.path("to").path(0);
        DeliveryOutcome outcome = this.state.injections.deliveryOutcomes.getOrDefault(to.path("phone_number").asText(),
                DeliveryOutcome.DELIVERED);
        if (!"queued".equals(to.path("status").asText()) && !"sent".equals(to.path("status").asText())) {
            return;
        }
        to.put("status", outcome.status());
        message.put("sent_at", Json.timestamp(this.state.now()));
        if (outcome.isFinal()) {
            message.put("completed_at", Json.timestamp(this.state.now()));
        }
        if (outcome.code() != null) {
            ((ArrayNode) message.get("errors")).removeAll()
                .addObject()
                .put("code", outcome.code())
                .put("title", outcome.title() == null ? "Delivery failed" : outcome.title())
                .put("detail", "The carrier reported the message as " + outcome.status() + ".");
        }
    }

    private static ApiError error(int status, String code, String title, String detail, String pointer) {
        return ApiError.messaging(status, code, title, detail, pointer);
    }

}
