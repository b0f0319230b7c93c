package com.numbering.telnyx;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.numbering.pacing.Turn;

/**
 * The one port through which jobs talk to Telnyx. Domain records in, domain records out: no SDK type crosses it.
 * <p>
 * Every method throws {@link TelnyxException} (transient, rejected or fatal), classified once, in the adapter.
 * Reads and idempotent writes are retried by the adapter; calls that spend money or send a message
 * ({@link #orderNumber}, {@link #sendMessage}) are never retried blindly: a transient failure there carries
 * {@link TelnyxException#outcomeUnknown()} and the caller reconciles (for orders: {@link #findOrderByCustomerReference}).
 */
public interface TelnyxGateway {

    /** US local numbers, exact matches only ({@code best_effort=false}); results are verified client-side too. */
    List<AvailableNumber> searchLocalNumbers(NumberSearch search);

    NumberOrder orderNumber(NumberOrderRequest request);

    NumberOrder getOrder(String orderId);

    Optional<NumberOrder> findOrderByCustomerReference(String customerReference);

    Optional<OwnedNumber> findOwnedNumber(String e164);

    OwnedNumber getOwnedNumber(String numberId);

    OwnedNumber updateNumber(String numberId, NumberUpdate update);

    OwnedNumber releaseNumber(String numberId);

    /** One page of the account inventory ({@code page[size]} at most 250). */
    InventoryPage listInventory(int pageNumber, int pageSize);

    MessagingProfile createMessagingProfile(MessagingProfileSettings settings);

    Optional<MessagingProfile> getMessagingProfile(String profileId);

    /** The first messaging profile with exactly this name: how a profile created by a crashed run is found. */
    Optional<MessagingProfile> findMessagingProfileByName(String name);

    MessagingProfile updateMessagingProfile(String profileId, MessagingProfileSettings settings);

    /** Puts a number on a messaging profile ({@code PATCH /phone_numbers/{id}/messaging}). */
    void assignMessagingProfile(String numberId, String profileId);

    /** The number's 10DLC campaign assignment; empty when Telnyx knows none. */
    Optional<CampaignAssignment> getCampaignAssignment(String e164);

    /**
     * @param turn the request's turn in the account's budget, taken ahead by a sender with its own pacing (the shared
     *        number's window) so that the account's queue never slips between that pacing and the request; or
     *        {@link Turn#none()}, and the call waits for its own. A retry after a 429 waits for a new one.
     * @param leaveBy the latest the request may start to leave, checked right before its first byte is written (after
     *        the connection is open): later, it is not written. A retry after a 429 (Telnyx did not take the first)
     *        waits for the account's pause instead
     * @throws TelnyxException.Late when it would have left after {@code leaveBy}: nothing was sent
     */
    SentMessage sendMessage(OutboundMessage message, Turn turn, Instant leaveBy);

    /**
     * A sent message as Telnyx knows it now ({@code GET /messages/{id}}); empty when Telnyx no longer has it (it keeps
     * messages for 10 days).
     */
    Optional<MessageStatus> getMessage(String messageId);

    record AvailableNumber(String phoneNumber, boolean bestEffort, List<String> features) {

        public AvailableNumber {
            features = List.copyOf(features);
        }

    }

    /**
     * @param areaCode {@code filter[national_destination_code]}, or null
     * @param administrativeArea {@code filter[administrative_area]} (two-letter state), or null
     * @param features required features, e.g. {@code voice}
     * @param limit {@code filter[limit]}
     */
    record NumberSearch(String areaCode, String administrativeArea, List<String> features, int limit) {

        public NumberSearch {
            features = List.copyOf(features);
        }

    }

    record NumberOrderRequest(String phoneNumber, String connectionId, String messagingProfileId,
            String customerReference) {
    }

    record NumberOrder(String id, OrderStatus status, String customerReference, List<OrderedNumber> numbers) {

        public NumberOrder {
            numbers = List.copyOf(numbers);
        }

    }

    record OrderedNumber(String id, String phoneNumber, OrderStatus status) {
    }

    /** {@code UNKNOWN} is what a value this client does not know (e.g. {@code cancelled}) becomes. */
    enum OrderStatus {

        PENDING, SUCCESS, FAILURE, UNKNOWN

    }

    /**
     * A number in the account inventory. {@code status} and {@code numberType} are Telnyx's raw strings
     * (hyphenated statuses such as {@code purchase-pending}; types such as {@code local}), never dropped.
     */
    record OwnedNumber(String id, String phoneNumber, String status, String numberType, String connectionId,
            String customerReference, String messagingProfileId, List<String> tags) {

        public OwnedNumber {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }

        public boolean isActive() {
            return "active".equals(this.status);
        }

        /**
         * A number the account no longer holds, is losing, or never got: {@code deleted}, {@code ported-out},
         * {@code port-out-pending}, {@code purchase-failed} (the phone number statuses of Telnyx's "List phone
         * numbers" reference).
         */
        public boolean isGone() {
            return this.status != null && GONE.contains(this.status);
        }

        private static final Set<String> GONE = Set.of("deleted", "ported-out", "port-out-pending", "purchase-failed");

    }

    /** Fields left null are not sent. */
    record NumberUpdate(String connectionId, String customerReference, List<String> tags) {
    }

    record InventoryPage(List<OwnedNumber> numbers, int pageNumber, int totalPages, long totalResults) {

        public InventoryPage {
            numbers = List.copyOf(numbers);
        }

        public boolean isLast() {
            return this.pageNumber >= this.totalPages;
        }

    }

    record MessagingProfileSettings(String name, boolean enabled, List<String> whitelistedDestinations,
            String webhookUrl, String webhookFailoverUrl, String webhookApiVersion) {

        public MessagingProfileSettings {
            whitelistedDestinations = List.copyOf(whitelistedDestinations);
        }

    }

    record MessagingProfile(String id, MessagingProfileSettings settings) {
    }

    /** @param assignmentStatus raw value, e.g. {@code ASSIGNED}, {@code PENDING_ASSIGNMENT} */
    record CampaignAssignment(String phoneNumber, String campaignId, String assignmentStatus) {

        public boolean isAssigned() {
            return "ASSIGNED".equals(this.assignmentStatus);
        }

    }

    record OutboundMessage(String from, String to, String text) {
    }

    record SentMessage(String id, int parts, String status) {
    }

    /**
     * @param status the recipient's raw status ({@code to[0].status}): {@code queued}, {@code sending}, {@code sent},
     *        {@code delivered}, {@code delivery_failed}, {@code sending_failed}, {@code delivery_unconfirmed},
     *        {@code expired}; null when absent
     * @param errorCode the first of {@code errors[]}, or null
     * @param errorTitle its title (Telnyx's words, no personal data), or null
     * @param completedAt when the message reached its final status, or null
     */
    record MessageStatus(String id, String status, String errorCode, String errorTitle, Instant completedAt) {

        private static final Set<String> FINAL = Set.of("delivered", "delivery_failed",
                "sending_failed", "delivery_unconfirmed", "expired");

        private static final Set<String> IN_FLIGHT = Set.of("queued", "sending", "sent");

        public boolean isFinal() {
            return FINAL.contains(this.status);
        }

        /** False for a status this client does not know (one newer than it, or none): not final, not known yet. */
        public boolean isUnderstood() {
            return FINAL.contains(this.status) || IN_FLIGHT.contains(this.status);
        }

    }

}
