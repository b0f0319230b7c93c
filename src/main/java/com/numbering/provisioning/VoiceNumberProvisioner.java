package com.numbering.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.numbering.privacy.Redaction;
import com.numbering.provisioning.AreaCodeResolver.Origin;
import com.numbering.provisioning.ProvisioningOutcome.Result;
import com.numbering.provisioning.SearchLadder.Rung;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.AvailableNumber;
import com.numbering.telnyx.TelnyxGateway.NumberOrder;
import com.numbering.telnyx.TelnyxGateway.NumberOrderRequest;
import com.numbering.telnyx.TelnyxGateway.NumberUpdate;
import com.numbering.telnyx.TelnyxGateway.OrderStatus;
import com.numbering.telnyx.TelnyxGateway.OwnedNumber;
import com.numbering.telnyx.TelnyxProperties;

/**
 * Gives one tenant its voice number, resuming from whatever state a previous run (or crash) left:
 * <pre>
 * (none) --choose + commit intent--> available --order, commit id--> ordered --success, on connection--> active
 * </pre>
 * The only order call happens right after a fresh intent is committed, or, for an intent found from an earlier
 * run, after Telnyx confirmed that no order with its customer reference exists and that we do not own the number.
 * So no path can buy two numbers for one tenant.
 */
@Component
class VoiceNumberProvisioner {

    private static final Logger log = LoggerFactory.getLogger(VoiceNumberProvisioner.class);

    private final TelnyxGateway telnyx;

    private final TenantVoiceRepository tenants;

    private final AreaCodeResolver resolver;

    private final SearchLadder ladder;

    private final ProvisioningProperties properties;

    private final String connectionId;

    private final Clock clock;

    VoiceNumberProvisioner(TelnyxGateway telnyx, TenantVoiceRepository tenants, AreaCodeResolver resolver,
            SearchLadder ladder, ProvisioningProperties properties, TelnyxProperties telnyxProperties, Clock clock) {
        this.telnyx = telnyx;
        this.tenants = tenants;
        this.resolver = resolver;
        this.ladder = ladder;
        this.properties = properties;
        this.connectionId = telnyxProperties.voiceConnectionId();
        this.clock = clock;
    }

    /** @throws TelnyxException.Fatal when nothing can work until configuration is fixed: the job stops */
    ProvisioningOutcome provision(TenantRow tenant, CandidatePools pools) {
        try {
            if ("ordered".equals(tenant.status())) {
                return follow(tenant, this.telnyx.getOrder(tenant.orderId()), tenant.number(),
                        tenant.customerReference())
                    .orElseGet(() -> choose(tenant, tenant.referenceSeq(), pools));
            }
            if ("available".equals(tenant.status())) {
                return resume(tenant, pools);
            }
            return choose(tenant, tenant.referenceSeq(), pools);
        }
        catch (TelnyxException.Fatal fatal) {
            throw fatal;
        }
        catch (TelnyxException failure) {
            return retry(tenant, "telnyx", failure.getMessage());
        }
    }

    /** An intent from an earlier run: its order may or may not exist. Find out before anything else. */
    private ProvisioningOutcome resume(TenantRow tenant, CandidatePools pools) {
        String reference = tenant.customerReference();
        Optional<NumberOrder> placed = this.telnyx.findOrderByCustomerReference(reference);
        if (placed.isPresent()) {
            log.info("tenant {}: adopting order {} found by its customer reference", tenant.id(), placed.get().id());
            this.tenants.recordOrder(tenant.id(), reference, placed.get().id(), now());
            return follow(tenant, placed.get(), tenant.number(), reference)
                .orElseGet(() -> choose(tenant, tenant.referenceSeq(), pools));
        }
        Optional<OwnedNumber> owned = this.telnyx.findOwnedNumber(tenant.number());
        if (owned.isPresent() && reference.equals(owned.get().customerReference())) {
            return activate(tenant, owned.get(), reference);
        }
        return order(tenant, tenant.number(), reference)
            .orElseGet(() -> choose(tenant, tenant.referenceSeq(), pools));
    }

    private ProvisioningOutcome choose(TenantRow tenant, int seq, CandidatePools pools) {
        Origin origin = this.resolver.resolve(tenant.phone(), tenant.state());
        if (!origin.resolved()) {
            return fail(tenant, "phone/state", origin.reason());
        }
        int currentSeq = seq;
        for (Rung rung : this.ladder.rungs(origin)) {
            for (AvailableNumber candidate = pools.next(rung); candidate != null; candidate = pools.next(rung)) {
                String number = candidate.phoneNumber();
                if (this.tenants.isTaken(number, tenant.id())) {
                    continue;
                }
                String reference = "tenant-" + tenant.id() + "-" + (currentSeq + 1);
                String areaCode = origin.areaCode() != null ? origin.areaCode().npa() : null;
                if (!this.tenants.recordIntent(tenant.id(), currentSeq, number, reference, rung.tier(), areaCode, now())) {
                    return new ProvisioningOutcome(tenant.id(), Result.RETRY, null, "changed by someone else meanwhile");
                }
                currentSeq++;
                Optional<ProvisioningOutcome> outcome = order(tenant, number, reference);
                if (outcome.isPresent()) {
                    return outcome.get();
                }
            }
        }
        return retry(tenant, "telnyx", "no US local number available on any rung (exact, overlay, state, any)");
    }

    /** Places the order of a committed intent. Empty: the number was not to be had, choose another. */
    private Optional<ProvisioningOutcome> order(TenantRow tenant, String number, String reference) {
        NumberOrder order;
        try {
            order = this.telnyx.orderNumber(new NumberOrderRequest(number, this.connectionId, null, reference));
        }
        catch (TelnyxException.Rejected rejected) {
            log.info("tenant {}: {} not orderable ({}), trying the next candidate", tenant.id(),
                    Redaction.phone(number), rejected.errorCode());
            this.tenants.abandonIntent(tenant.id(), reference, now());
            return Optional.empty();
        }
        catch (TelnyxException.Transient unknown) {
            // Maybe placed, maybe not: the next run looks the order up by its customer reference first.
            Instant retryAt = now().plus(this.properties.unknownOutcomeDelay());
            this.tenants.postpone(tenant.id(), null, false, retryAt, "telnyx", unknown.getMessage(), now());
            return Optional.of(new ProvisioningOutcome(tenant.id(), Result.RETRY, null, unknown.getMessage()));
        }
        this.tenants.recordOrder(tenant.id(), reference, order.id(), now());
        return follow(tenant, order, number, reference);
    }

    /**
     * Follows a placed order until the number is active. It watches the number itself (it is listed as
     * {@code purchase-pending} right after the order and turns {@code active} or {@code purchase-failed}), which
     * both tells the outcome and gives the number's id in one call; the order is read only while the number is not
     * listed. Empty: the order failed and nothing was bought, choose again.
     */
    private Optional<ProvisioningOutcome> follow(TenantRow tenant, NumberOrder placed, String number,
            String reference) {
        NumberOrder order = placed;
        Instant deadline = now().plus(this.properties.orderPollTimeout());
        Duration wait = this.properties.orderPollInterval();
        while (true) {
            Optional<OwnedNumber> owned = this.telnyx.findOwnedNumber(number);
            if (owned.isPresent() && owned.get().isActive()) {
                return Optional.of(activate(tenant, owned.get(), reference));
            }
            boolean failed = owned.map(n -> "purchase-failed".equals(n.status()))
                .orElse(order.status() == OrderStatus.FAILURE || order.status() == OrderStatus.UNKNOWN);
            if (failed) {
                log.info("tenant {}: order {} failed, nothing bought; choosing again", tenant.id(), order.id());
                this.tenants.abandonIntent(tenant.id(), reference, now());
                return Optional.empty();
            }
            if (now().plus(wait).isAfter(deadline)) {
                // Bought or being bought: never order again; the next run follows the same order.
                Instant retryAt = now().plus(this.properties.orderPollInterval());
                this.tenants.postpone(tenant.id(), null, false, retryAt, null, null, now());
                return Optional.of(new ProvisioningOutcome(tenant.id(), Result.PENDING, null, "order still pending"));
            }
            pause(wait);
            wait = wait.multipliedBy(2);
            if (owned.isEmpty()) {
                order = this.telnyx.getOrder(order.id());
            }
        }
    }

    private ProvisioningOutcome activate(TenantRow tenant, OwnedNumber owned, String reference) {
        OwnedNumber number = owned;
        boolean onConnection = this.connectionId.equals(owned.connectionId());
        boolean tagged = reference.equals(owned.customerReference());
        if (!onConnection || !tagged) {
            // The order did not attach it (or did not tag it for reconciliation): do it now, idempotently.
            number = this.telnyx.updateNumber(owned.id(), new NumberUpdate(this.connectionId, reference, null));
        }
        this.tenants.activate(tenant.id(), reference, number.phoneNumber(), number.id(), now());
        return new ProvisioningOutcome(tenant.id(), Result.ACTIVE, null, null);
    }

    private ProvisioningOutcome retry(TenantRow tenant, String field, String reason) {
        int attempts = tenant.attempts() + 1;
        boolean mayHaveOrder = "available".equals(tenant.status()) || "ordered".equals(tenant.status());
        if (attempts >= this.properties.maxAttempts() && !mayHaveOrder) {
            return fail(tenant, field, reason + " (gave up after " + attempts + " attempts)");
        }
        // An intent or an order is never given up: it may hold a number we pay for.
        Instant retryAt = now().plus(this.properties.backoffAfter(attempts));
        this.tenants.postpone(tenant.id(), mayHaveOrder ? null : "failed", true, retryAt, field, reason, now());
        return new ProvisioningOutcome(tenant.id(), Result.RETRY, null, reason);
    }

    private ProvisioningOutcome fail(TenantRow tenant, String field, String reason) {
        this.tenants.postpone(tenant.id(), "failed", true, null, field, reason, now());
        log.warn("tenant {}: failed, needs a human: {}: {}", tenant.id(), field, reason);
        return new ProvisioningOutcome(tenant.id(), Result.FAILED, null, field + ": " + reason);
    }

    private Instant now() {
        return this.clock.instant();
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
