package com.numbering.reconciliation;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.numbering.privacy.Redaction;
import com.numbering.reconciliation.DiscrepancyRepository.PendingOrder;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.TelnyxGateway.NumberOrder;
import com.numbering.telnyx.TelnyxGateway.OrderStatus;
import com.numbering.telnyx.TelnyxGateway.OwnedNumber;

/**
 * Policy 1: tenants left {@code ordered}. Number active in the inventory → the tenant is {@code active}. Order
 * failed, or settled while the number is absent (checked once more by a direct look-up, since a release during
 * paging can hide a number) → the intent is cleared so that provisioning picks the tenant again. Anything else
 * (pending, unknown) is left alone: never give up on something that may still hold a number.
 */
final class PendingOrderFollower extends PolicyWriter<PendingOrder> {

    private static final Logger log = LoggerFactory.getLogger(PendingOrderFollower.class);

    PendingOrderFollower(Repairs repairs) {
        super(repairs);
    }

    @Override
    boolean handle(PendingOrder order) {
        if ("active".equals(order.inventoryStatus())) {
            return activate(order, order.numberId());
        }
        if (order.inventoryStatus() != null && !"purchase-failed".equals(order.inventoryStatus())) {
            return false; // purchase-pending and the like: the order is still running
        }
        Optional<String> failure = settledWithoutNumber(order);
        if (failure.isEmpty()) {
            Optional<OwnedNumber> appeared = telnyx().findOwnedNumber(order.phoneNumber());
            return appeared.filter(OwnedNumber::isActive).map(n -> activate(order, n.id())).orElse(false);
        }
        if (!dryRun() && !tenants().clearIntent(order.tenantId(), order.phoneNumber(),
                order.customerReference(), failure.get())) {
            return false;
        }
        log.warn("Tenant {}: order for {} settled without a number ({}); {}", order.tenantId(),
                Redaction.phone(order.phoneNumber()), failure.get(), FindingAction.CLEARED_INTENT.column(dryRun()));
        record(new Finding(FindingKind.PENDING_ORDER_FAILED, order.phoneNumber(),
                order.tenantId(), order.numberId(), FindingAction.CLEARED_INTENT, failure.get()));
        return true;
    }

    /** Why the order ended without a number we hold; empty while that is not certain. */
    private Optional<String> settledWithoutNumber(PendingOrder order) {
        NumberOrder placed;
        try {
            placed = telnyx().getOrder(order.orderId());
        }
        catch (TelnyxException.Rejected ex) {
            return Optional.empty(); // an order we cannot see is not proof of anything
        }
        if (placed.status() == OrderStatus.FAILURE) {
            return Optional.of("order " + order.orderId() + " failed");
        }
        if (placed.status() == OrderStatus.SUCCESS
                && telnyx().findOwnedNumber(order.phoneNumber()).filter(n -> !n.isGone()).isEmpty()) {
            return Optional.of("order " + order.orderId() + " succeeded but the number is no longer in the account");
        }
        return Optional.empty();
    }

    private boolean activate(PendingOrder order, String numberId) {
        if (!dryRun() && !tenants().activateOrdered(order.tenantId(), order.phoneNumber(),
                order.customerReference(), numberId)) {
            return false;
        }
        record(new Finding(FindingKind.PENDING_ORDER_COMPLETED, order.phoneNumber(),
                order.tenantId(), numberId, FindingAction.ACTIVATED, "order " + order.orderId() + " completed"));
        return true;
    }

}
