package com.numbering.numbers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.numbering.numbers.PurchaseResult.Bought;
import com.numbering.numbers.PurchaseResult.Contended;
import com.numbering.numbers.PurchaseResult.Exhausted;
import com.numbering.numbers.PurchaseResult.OutcomeUnknown;
import com.numbering.numbers.PurchaseResult.Pending;
import com.numbering.numbers.PurchaseResult.Refused;
import com.numbering.numbers.SearchLadder.Rung;
import com.numbering.privacy.Redaction;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.AvailableNumber;
import com.numbering.telnyx.TelnyxGateway.NumberOrder;
import com.numbering.telnyx.TelnyxGateway.NumberOrderRequest;
import com.numbering.telnyx.TelnyxGateway.OrderStatus;
import com.numbering.telnyx.TelnyxGateway.OwnedNumber;

/**
 * Buys one local number for one buyer, resuming from whatever state a previous run (or crash) left:
 * <pre>
 * (none) --choose + commit intent--> available --order, commit id--> ordered --number active--> bought
 * </pre>
 * The only order call happens right after a fresh intent is committed, or, for an intent found from an earlier
 * run, after Telnyx confirmed that no order with its customer reference exists and that we do not own the number.
 * So no path buys two numbers for one buyer. Shared by voice provisioning and the shared SMS number.
 */
public final class NumberPurchaser {

    private static final Logger log = LoggerFactory.getLogger(NumberPurchaser.class);

    private final TelnyxGateway telnyx;

    private final Clock clock;

    private final Duration pollInterval;

    private final Duration pollTimeout;

    private final RecentPurchases recent;

    /**
     * @param pollInterval first wait before looking at a placed order's number again; doubles up to the timeout
     * @param pollTimeout how long one call follows a pending order before answering {@link Pending}
     */
    public NumberPurchaser(TelnyxGateway telnyx, Clock clock, Duration pollInterval, Duration pollTimeout) {
        this.telnyx = telnyx;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.pollTimeout = pollTimeout;
        this.recent = new RecentPurchases(telnyx);
    }

    /**
     * @param rungs the ladder to choose a number from, best first (empty: only resume what exists)
     * @param limits what the run may still order: checked before every order call, told of every refusal
     * @param order what every order carries besides number and reference (connection, messaging profile)
     * @throws TelnyxException when a read fails; {@link TelnyxException.Fatal} means stop everything
     */
    public PurchaseResult purchase(PurchaseRecord record, Purchase current, List<Rung> rungs, CandidatePools pools,
            OrderLimits limits, NumberOrderRequest order) {
        Attempt attempt = new Attempt(record, rungs, pools, limits, order);
        if (current.hasOrder()) {
            return follow(record, this.telnyx.getOrder(current.orderId()), current.number(), current.reference())
                .orElseGet(() -> choose(attempt, current.seq()));
        }
        if (current.hasIntent()) {
            return resume(attempt, current);
        }
        return choose(attempt, current.seq());
    }

    /** One buyer's purchase in one run, and the refusals it met. */
    private static final class Attempt {

        final PurchaseRecord record;

        final List<Rung> rungs;

        final CandidatePools pools;

        final OrderLimits limits;

        final NumberOrderRequest order;

        int refusals;

        Attempt(PurchaseRecord record, List<Rung> rungs, CandidatePools pools, OrderLimits limits,
                NumberOrderRequest order) {
            this.record = record;
            this.rungs = rungs;
            this.pools = pools;
            this.limits = limits;
            this.order = order;
        }

    }

    /** An intent from an earlier run: its order may or may not exist. Find out before anything else. */
    private PurchaseResult resume(Attempt attempt, Purchase current) {
        PurchaseRecord record = attempt.record;
        String reference = current.reference();
        Optional<NumberOrder> placed = this.telnyx.findOrderByCustomerReference(reference);
        if (placed.isPresent()) {
            log.info("{}: adopting order {} found by its customer reference", record.subject(), placed.get().id());
            record.recordOrder(reference, placed.get().id());
            return follow(record, placed.get(), current.number(), reference)
                .orElseGet(() -> choose(attempt, current.seq()));
        }
        Optional<OwnedNumber> owned = this.telnyx.findOwnedNumber(current.number());
        if (owned.isPresent() && reference.equals(owned.get().customerReference()) && owned.get().isActive()) {
            return new Bought(owned.get(), reference);
        }
        Optional<OrderLimits.Stop> stopped = attempt.limits.take();
        if (stopped.isPresent()) {
            return stopped(record, stopped.get());
        }
        return place(attempt, current.number(), reference).orElseGet(() -> choose(attempt, current.seq()));
    }

    private PurchaseResult choose(Attempt attempt, int seq) {
        PurchaseRecord record = attempt.record;
        int currentSeq = seq;
        for (Rung rung : attempt.rungs) {
            for (AvailableNumber candidate = attempt.pools.next(rung); candidate != null;
                    candidate = attempt.pools.next(rung)) {
                String number = candidate.phoneNumber();
                if (record.isTaken(number)) {
                    continue;
                }
                if (attempt.refusals >= attempt.limits.refusalsPerBuyer()) {
                    return new Refused("Telnyx refused " + attempt.refusals + " orders for " + record.subject()
                            + " in this run (numbering.orders.refusals-per-buyer); tried again after the backoff");
                }
                // Before the intent: a run that may not order leaves no intent behind.
                Optional<OrderLimits.Stop> stopped = attempt.limits.take();
                if (stopped.isPresent()) {
                    return stopped(record, stopped.get());
                }
                String reference = record.reference(currentSeq + 1);
                if (!record.recordIntent(currentSeq, number, reference, rung.tier())) {
                    return new Contended(record.subject() + " changed meanwhile");
                }
                currentSeq++;
                Optional<PurchaseResult> result = place(attempt, number, reference);
                if (result.isPresent()) {
                    return result.get();
                }
            }
        }
        return new Exhausted("no US local number available on any rung (exact, overlay, state, any)");
    }

    private static PurchaseResult stopped(PurchaseRecord record, OrderLimits.Stop why) {
        return new PurchaseResult.Stopped(why, "ordering stopped for this run (" + why.label()
                + ", README \"Guardrails\"); nothing ordered for " + record.subject() + ", served by the next run");
    }

    /** Places the order of a committed intent. Empty: the number was not to be had, choose another. */
    private Optional<PurchaseResult> place(Attempt attempt, String number, String reference) {
        PurchaseRecord record = attempt.record;
        NumberOrderRequest template = attempt.order;
        NumberOrder placed;
        try {
            placed = this.telnyx.orderNumber(new NumberOrderRequest(number, template.connectionId(),
                    template.messagingProfileId(), reference));
        }
        catch (TelnyxException.Rejected rejected) {
            log.info("{}: {} not orderable ({}), trying the next candidate", record.subject(), Redaction.phone(number),
                    rejected.errorCode());
            record.abandon(reference, null);
            attempt.refusals++;
            attempt.limits.refused(rejected.errorCode());
            return Optional.empty();
        }
        catch (TelnyxException.Transient unknown) {
            // Maybe placed, maybe not: the next attempt looks the order up by its customer reference first.
            return Optional.of(new OutcomeUnknown(unknown.getMessage()));
        }
        attempt.limits.accepted();
        record.recordOrder(reference, placed.id());
        return follow(record, placed, number, reference);
    }

    /**
     * Follows a placed order until the number is active. It watches the number itself (listed as
     * {@code purchase-pending} right after the order, then {@code active} or {@code purchase-failed}), which tells
     * the outcome and gives the number's id; one listing of the account's newest numbers, made after the look began,
     * answers every order in flight at once ({@link RecentPurchases}), and a number not on it is looked up by itself.
     * The order is read only while the number is not listed.
     * Empty: the order failed and nothing was bought, choose again. Only a failure Telnyx states ({@code failure}, or
     * the number {@code purchase-failed}) is one: a status this client does not understand (one newer than the SDK)
     * is "not known yet", followed until the timeout and then left {@link Pending} for the next run or
     * reconciliation, never abandoned for a second purchase.
     */
    private Optional<PurchaseResult> follow(PurchaseRecord record, NumberOrder placed, String number,
            String reference) {
        NumberOrder order = placed;
        Instant deadline = this.clock.instant().plus(this.pollTimeout);
        Duration wait = this.pollInterval;
        while (true) {
            Optional<OwnedNumber> owned = this.recent.look(number, RecentPurchases.now());
            if (owned.isEmpty()) {
                owned = this.telnyx.findOwnedNumber(number);
            }
            if (owned.isPresent() && owned.get().isActive()) {
                return Optional.of(new Bought(owned.get(), reference));
            }
            boolean failed = owned.map(n -> "purchase-failed".equals(n.status()))
                .orElse(order.status() == OrderStatus.FAILURE);
            if (failed) {
                log.info("{}: order {} failed, nothing bought; choosing again", record.subject(), order.id());
                if (!record.abandon(reference, order.id())) {
                    return Optional.of(new Contended(record.subject() + " changed meanwhile"));
                }
                return Optional.empty();
            }
            if (this.clock.instant().plus(wait).isAfter(deadline)) {
                boolean notUnderstood = owned.isEmpty() && order.status() == OrderStatus.UNKNOWN;
                if (notUnderstood) {
                    log.warn("{}: order {} has a status this client does not understand; not a failure: followed "
                            + "again next run, never re-ordered", record.subject(), order.id());
                }
                return Optional.of(new Pending(notUnderstood
                        ? "order " + order.id() + " status not understood; followed again next run"
                        : "order " + order.id() + " still pending", notUnderstood));
            }
            pause(wait);
            wait = wait.multipliedBy(2);
            if (owned.isEmpty()) {
                order = this.telnyx.getOrder(order.id());
            }
        }
    }

    private static void pause(Duration wait) {
        try {
            TimeUnit.MILLISECONDS.sleep(wait.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new TelnyxException.Transient("interrupted while following an order", 0, null, null, false, ex);
        }
    }

}
