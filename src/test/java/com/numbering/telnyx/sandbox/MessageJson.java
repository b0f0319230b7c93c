package com.numbering.telnyx.sandbox;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code OutboundMessagePayload} schema for an accepted message. With unknown enums injected the recipient's
 * {@code line_type} is {@code Unknown}: outside the spec's enum, but what the live API sent in telnyx-java#50.
 */
final class MessageJson {

    private static final BigDecimal RATE = new BigDecimal("0.0025");

    private static final BigDecimal CARRIER_FEE = new BigDecimal("0.0015");

    private MessageJson() {
    }

    static ObjectNode render(String id, ObjectNode request, OwnedNumber sender, MessagingProfileRecord profile,
            SmsEncoding encoding, Instant now, SimulatorState state) {
        JsonNode media = request.path("media_urls");
        String text = request.path("text").asText("");
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("record_type", "message");
        node.put("direction", "outbound");
        node.put("type", media.isEmpty() ? "SMS" : "MMS");
        node.put("messaging_profile_id", profile.id);
        node.put("organization_id", state.organizationId);
        ObjectNode from = node.putObject("from");
        from.put("phone_number", sender.phoneNumber);
        from.put("carrier", "TELNYX LLC");
        from.put("line_type", "VoIP");
        ObjectNode to = node.putArray("to").addObject();
        to.put("phone_number", request.path("to").asText());
        to.put("status", "queued");
        to.put("carrier", "T-MOBILE USA, INC.");
        to.put("line_type", state.injections.unknownEnums ? "Unknown" : "Wireless");
        node.putArray("cc");
        node.put("text", text);
        node.put("subject", request.path("subject").asText(null));
        ArrayNode mediaItems = node.putArray("media");
        media.forEach(url -> mediaItems.addObject().put("url", url.asText()).putNull("content_type")
            .putNull("sha256").putNull("size"));
        node.put("encoding", encoding.name());
        node.put("parts", encoding.parts());
        node.put("num_chars", text.codePointCount(0, text.length()));
        node.putArray("tags");
        cost(node, encoding.parts());
        node.put("received_at", Json.timestamp(now));
        node.putNull("sent_at");
        node.putNull("completed_at");
        node.put("valid_until", Json.timestamp(now.plus(Duration.ofHours(4))));
        node.put("wait_seconds", 0.0);
        node.putArray("errors");
        node.put("webhook_url", request.path("webhook_url").asText(profile.settings.path("webhook_url").asText(null)));
        node.put("webhook_failover_url", request.path("webhook_failover_url")
            .asText(profile.settings.path("webhook_failover_url").asText(null)));
        boolean assigned = CampaignEndpoints.statusOf(state, sender).filter("ASSIGNED"::equals).isPresent();
        node.put("tcr_campaign_id", assigned ? CampaignEndpoints.TCR_CAMPAIGN_ID : null);
        node.put("tcr_campaign_registered", assigned ? "REGISTERED" : null);
        node.put("tcr_campaign_billable", assigned);
        node.put("smart_encoding_applied", false);
        return node;
    }

    private static void cost(ObjectNode node, int parts) {
        BigDecimal count = BigDecimal.valueOf(parts);
        ObjectNode cost = node.putObject("cost");
        cost.put("amount", RATE.add(CARRIER_FEE).multiply(count).toPlainString());
        cost.put("currency", "USD");
        ObjectNode breakdown = node.putObject("cost_breakdown");
        breakdown.putObject("rate").put("amount", RATE.multiply(count).toPlainString()).put("currency", "USD");
        breakdown.putObject("carrier_fee").put("amount", CARRIER_FEE.multiply(count).toPlainString())
            .put("currency", "USD");
    }

}
