package com.numbering.numbers;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.OwnedNumber;

/**
 * The account's newest numbers, listed once for every order in flight. Telnyx lists a number from the moment it is
 * ordered ({@code purchase-pending}, then {@code active} or {@code purchase-failed}), newest first, so the first page
 * of {@code GET /phone_numbers} tells every follower of a recent order at once what a look-up per number would
 * (Telnyx's "List phone numbers": default sort newest first). A number not on that page (the account got more
 * numbers since) is looked up by itself, as before.
 * <p>
 * Never stale: a follower is answered only from a listing asked for after the moment it names (its order placed,
 * its last look). Followers that arrive while a listing is under way wait for it, then share the next one.
 */
final class RecentPurchases {

    /** More than a run ever has in flight (one order per worker), with room for numbers bought elsewhere. */
    static final int PAGE_SIZE = 100;

    private final TelnyxGateway telnyx;

    private final Object listing = new Object();

    /** When the last listing was asked for ({@link System#nanoTime()}); meaningless while {@code listings} is 0. */
    private long askedAt;

    private Map<String, OwnedNumber> newest = Map.of();

    private long listings;

    RecentPurchases(TelnyxGateway telnyx) {
        this.telnyx = telnyx;
    }

    /** A moment to pass to {@link #look}: now. */
    static long now() {
        return System.nanoTime();
    }

    /**
     * @param number the ordered number (E.164)
     * @param after a moment from {@link #now()}: the listing that answers was asked for after it
     * @return the number as the newest page lists it; empty when it is not on that page
     */
    Optional<OwnedNumber> look(String number, long after) {
        synchronized (this.listing) {
            if (this.listings == 0 || this.askedAt - after < 0) {
                long asked = now();
                Map<String, OwnedNumber> page = new HashMap<>();
                for (OwnedNumber owned : this.telnyx.listInventory(1, PAGE_SIZE).numbers()) {
                    page.putIfAbsent(owned.phoneNumber(), owned);
                }
                this.newest = page;
                this.askedAt = asked;
                this.listings++;
            }
            return Optional.ofNullable(this.newest.get(number));
        }
    }

    /** How many listings were made: for tests. */
    long listings() {
        synchronized (this.listing) {
            return this.listings;
        }
    }

}
