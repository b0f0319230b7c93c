package com.numbering.telnyx.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.numbering.nanp.NanpDirectory;

/**
 * Everything the simulated Telnyx account holds. One lock (this object) guards all of it: endpoints run inside
 * it, control and ledger calls take it, and only the latency sleep happens outside, so clients still overlap.
 */
final class SimulatorState {

    final SimulatorSettings settings;

    final Clock clock;

    final IdSource ids;

    final NumberPool pool;

    final Injections injections;

    /** The account's organization, echoed in messaging payloads. */
    final String organizationId;

    final Map<String, PlacedOrder> orders = new LinkedHashMap<>();

    final Map<String, MessagingProfileRecord> profiles = new LinkedHashMap<>();

    final Map<String, ObjectNode> messages = new HashMap<>();

    final List<LedgerMessage> acceptedMessages = new ArrayList<>();

    /** Ids are 19-digit strings that grow with each purchase, so this map iterates in creation order. */
    private final TreeMap<String, OwnedNumber> numbersById = new TreeMap<>();

    private final Map<String, OwnedNumber> numbersByE164 = new HashMap<>();

    SimulatorState(SimulatorSettings settings, NanpDirectory nanp, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.ids = new IdSource(settings.seed());
        this.pool = new NumberPool(settings.seed(), nanp, settings.inventoryByAreaCode(),
                settings.defaultInventoryPerAreaCode());
        this.injections = new Injections(settings.latency());
        this.organizationId = this.ids.uuid();
    }

    Instant now() {
        return this.clock.instant();
    }

    OwnedNumber addNumber(String e164, String type, String status) {
        if (this.numbersByE164.containsKey(e164)) {
            throw new IllegalStateException("The account already owns this number");
        }
        OwnedNumber number = new OwnedNumber(this.ids.numeric(), e164, type, status, now());
        this.numbersById.put(number.id, number);
        this.numbersByE164.put(e164, number);
        this.pool.take(e164);
        return number;
    }

    /** Releases a number: it leaves the account and goes on hold in the pool. */
    void removeNumber(OwnedNumber number) {
        this.numbersById.remove(number.id);
        this.numbersByE164.remove(number.phoneNumber);
        this.injections.campaignStatuses.remove(number.phoneNumber);
        this.pool.hold(number.phoneNumber);
    }

    Collection<OwnedNumber> numbers() {
        return this.numbersById.values();
    }

    /** Newest first (the list's default order) without sorting or copying: a page of a large account stays cheap. */
    /** What a pending order is shown as: its status, or the newer one an injection reports instead. */
    String shownStatus(PlacedOrder order) {
        return this.injections.newerOrderStatus != null && "pending".equals(order.status)
                ? this.injections.newerOrderStatus : order.status;
    }

    /** Whether the inventory listing shows the number yet (see {@link SimulatorControl#reportPendingOrdersAs}). */
    boolean isListed(OwnedNumber number) {
        return this.injections.newerOrderStatus == null || !"purchase-pending".equals(number.status);
    }

    Collection<OwnedNumber> numbersNewestFirst() {
        return this.numbersById.descendingMap().values();
    }

    /** The inventory listing: newest first, without the numbers it does not show yet ({@link #isListed}). */
    Collection<OwnedNumber> listedNewestFirst() {
        if (this.injections.newerOrderStatus == null) {
            return numbersNewestFirst();
        }
        return numbersNewestFirst().stream().filter(this::isListed).toList();
    }

    Optional<OwnedNumber> numberByE164(String e164) {
        return Optional.ofNullable(this.numbersByE164.get(e164));
    }

    OwnedNumber requireNumber(String id) {
        OwnedNumber number = this.numbersById.get(id);
        if (number == null) {
            throw ApiError.notFound("Phone number " + id + " was not found on this account.");
        }
        return number;
    }

    /** The messaging endpoints accept the numeric id or the +E.164 number itself. */
    OwnedNumber requireNumberByIdOrE164(String idOrE164) {
        OwnedNumber number = idOrE164.startsWith("+") ? this.numbersByE164.get(idOrE164) : null;
        return (number != null) ? number : requireNumber(idOrE164);
    }

    MessagingProfileRecord requireProfile(String id) {
        MessagingProfileRecord profile = this.profiles.get(id);
        if (profile == null) {
            throw ApiError.notFound("Messaging profile " + id + " was not found.");
        }
        return profile;
    }

    String profileName(String profileId) {
        MessagingProfileRecord profile = (profileId != null) ? this.profiles.get(profileId) : null;
        return (profile != null) ? profile.name() : null;
    }

    /** When set, an order also settles once it is this old, as Telnyx's do "momentarily" on their own. */
    Duration settleOrdersAfter;

    /**
     * Someone looked at a pending order, directly or through one of its numbers (which Telnyx lists as
     * {@code purchase-pending} while the order runs): after {@code pendingPollsBeforeSuccess} looks it succeeds.
     */
    void observe(PlacedOrder order) {
        if ("pending".equals(order.status)) {
            boolean settled = this.settleOrdersAfter != null
                    && !order.createdAt.plus(this.settleOrdersAfter).isAfter(now());
            if (settled || order.polls >= this.settings.pendingPollsBeforeSuccess()) {
                completeOrder(order);
            }
            order.polls++;
        }
    }

    /** See {@link #observe(PlacedOrder)}: a look at a purchase-pending number is a look at its order. */
    void observe(OwnedNumber number) {
        if (!"purchase-pending".equals(number.status)) {
            return;
        }
        for (PlacedOrder order : this.orders.values()) {
            if (order.lines.stream().anyMatch(line -> number.id.equals(line.phoneNumberId()))) {
                observe(order);
                return;
            }
        }
    }

    void completeOrder(PlacedOrder order) {
        Instant now = now();
        order.status = "success";
        order.updatedAt = now;
        for (PlacedOrder.Line line : order.lines) {
            OwnedNumber number = this.numbersById.get(line.phoneNumberId());
            if (number != null) {
                number.activate(now);
            }
        }
    }

}
