package com.numbering.telnyx.sandbox;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /10dlc/phone_number_campaigns/{phoneNumber}}: a top-level object, no {@code data} wrapper. A number
 * on a messaging profile is {@code ASSIGNED} unless a test set another status; a number that is not on the
 * account, or on no profile and without a set status, has no assignment (404).
 */
final class CampaignEndpoints {

    static final String TCR_CAMPAIGN_ID = "CSIM001";

    static final Set<String> STATUSES = Set.of("ASSIGNED", "PENDING_ASSIGNMENT", "FAILED_ASSIGNMENT",
            "PENDING_UNASSIGNMENT", "FAILED_UNASSIGNMENT");

    /** The 10DLC API's own timestamp style: no zone, microseconds. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
        .withZone(ZoneOffset.UTC);

    private final SimulatorState state;

    private final String campaignId;

    private final String brandId;

    CampaignEndpoints(SimulatorState state) {
        this.state = state;
        this.campaignId = state.ids.uuid();
        this.brandId = state.ids.uuid();
    }

    void register(Router router) {
        router.add("GET", "/10dlc/phone_number_campaigns/{phoneNumber}", this::retrieve);
    }

    static Optional<String> statusOf(SimulatorState state, OwnedNumber number) {
        String status = state.injections.campaignStatuses.get(number.phoneNumber);
        if (status != null) {
            return Optional.of(status);
        }
        return Optional.ofNullable((number.messagingProfileId != null) ? "ASSIGNED" : null);
    }

    private ApiResponse retrieve(ApiRequest request) {
        String e164 = request.pathParameter(0);
        OwnedNumber number = this.state.numberByE164(e164).orElse(null);
        String status = (number != null) ? statusOf(this.state, number).orElse(null) : null;
        if (status == null) {
            throw ApiError.notFound("No campaign assignment for this phone number.");
        }
        ObjectNode node = Json.object();
        node.put("phoneNumber", number.phoneNumber);
        node.put("campaignId", TCR_CAMPAIGN_ID);
        node.put("tcrCampaignId", TCR_CAMPAIGN_ID);
        node.put("telnyxCampaignId", this.campaignId);
        node.put("brandId", this.brandId);
        node.put("tcrBrandId", "BSIM001");
        node.put("assignmentStatus", status);
        if (status.startsWith("FAILED")) {
            node.put("failureReasons", "Simulated failure set through SimulatorControl.");
        }
        String created = TIMESTAMP.format(number.createdAt);
        node.put("createdAt", created);
        node.put("updatedAt", created);
        return new ApiResponse(200, node);
    }

}
