package com.numbering.numbers;

import com.numbering.telnyx.TelnyxGateway.OwnedNumber;

/** How far one purchase attempt got. */
public sealed interface PurchaseResult {

    /** The number is ours and active. Attaching it (connection, profile) and recording it is the caller's. */
    record Bought(OwnedNumber number, String reference) implements PurchaseResult {
    }

    /**
     * Ordered and not settled yet: follow the same order later, never order again.
     *
     * @param statusNotUnderstood Telnyx gave the order a status this client does not know: not a failure, not yet
     * known
     */
    record Pending(String reason, boolean statusNotUnderstood) implements PurchaseResult {
    }

    /** The order call's outcome is unknown (timeout, 5xx, lost answer): resolve it by its reference later. */
    record OutcomeUnknown(String reason) implements PurchaseResult {
    }

    /** No rung of the ladder had a number to sell. */
    record Exhausted(String reason) implements PurchaseResult {
    }

    /** Telnyx refused this buyer's orders {@link OrderLimits#refusalsPerBuyer()} times in this run. */
    record Refused(String reason) implements PurchaseResult {
    }

    /** Ordering stopped for the rest of the run (a ceiling, the refusal circuit): nothing was ordered for this buyer. */
    record Stopped(OrderLimits.Stop why, String reason) implements PurchaseResult {
    }

    /** The record changed under us: someone else is buying for the same buyer. */
    record Contended(String reason) implements PurchaseResult {
    }

}
