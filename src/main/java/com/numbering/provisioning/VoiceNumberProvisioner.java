package com.numbering.provisioning;

import java.time.Clock;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.numbering.numbers.CandidatePools;
import com.numbering.numbers.NumberPurchaser;
import com.numbering.numbers.OrderLimits;
import com.numbering.numbers.PurchaseResult;
import com.numbering.privacy.Redaction;
import com.numbering.provisioning.ProvisioningOutcome.Result;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.NumberOrderRequest;
import com.numbering.telnyx.TelnyxGateway.NumberUpdate;
import com.numbering.telnyx.TelnyxGateway.OwnedNumber;
import com.numbering.telnyx.TelnyxProperties;

/**
 * Gives one tenant its voice number: the area code from its phone or state, the purchase (crash-safe, see
 * {@link NumberPurchaser}), the number on the voice connection, and the tenant's row telling where it stands.
 */
@Component
class VoiceNumberProvisioner {

    private static final Logger log = LoggerFactory.getLogger(VoiceNumberProvisioner.class);

    private final TelnyxGateway telnyx;

    private final TenantVoiceRepository tenants;

    private final NumberPurchaser purchaser;

    private final ProvisioningProperties properties;

    private final String connectionId;

    /** Orders whose answer could not be used; {@code escalated} once they need a human. No tenant in the tags. */
    static final String UNKNOWN_OUTCOMES = "numbering.provisioning.unknown.outcomes";

    static final String UNKNOWN_OUTCOME_FIELD = "telnyx-order-outcome";

    /** Telnyx statuses this client could not read, followed as "not known yet". */
    static final String STATUSES_NOT_UNDERSTOOD = "numbering.telnyx.statuses.not.understood";

    private final Clock clock;

    private final MeterRegistry meters;

    VoiceNumberProvisioner(TelnyxGateway telnyx, TenantVoiceRepository tenants, NumberPurchaser voiceNumberPurchaser,
            ProvisioningProperties properties, TelnyxProperties telnyxProperties, Clock clock, MeterRegistry meters) {
        this.telnyx = telnyx;
        this.tenants = tenants;
        this.purchaser = voiceNumberPurchaser;
        this.properties = properties;
        this.connectionId = telnyxProperties.voiceConnectionId();
        this.clock = clock;
        this.meters = meters;
        // Registered at 0, so that every run pushes it and its alert rule always has a series to read.
        meters.counter(STATUSES_NOT_UNDERSTOOD, "kind", "order");
    }

    /** @throws TelnyxException.Fatal when nothing can work until configuration is fixed: the job stops */
    ProvisioningOutcome provision(TenantPlan plan, CandidatePools pools, OrderLimits limits) {
        TenantRow tenant = plan.tenant();
        if (!plan.origin().resolved() && !tenant.mayHoldANumber()) {
            return giveUp(tenant, "phone/state", plan.origin().reason());
        }
        try {
            PurchaseResult result = this.purchaser.purchase(this.tenants.purchaseRecord(tenant.id(), plan.areaCode()),
                    tenant.purchase(), plan.rungs(), pools, limits,
                    new NumberOrderRequest(null, this.connectionId, null, null));
            // Java 17: no pattern matching in switch yet.
            if (result instanceof PurchaseResult.Bought bought) {
                return activate(tenant, bought.number(), bought.reference());
            }
            if (result instanceof PurchaseResult.Pending pending) {
                if (pending.statusNotUnderstood()) {
                    this.meters.counter(STATUSES_NOT_UNDERSTOOD, "kind", "order").increment();
                }
                return later(tenant, Result.PENDING, pending.reason(), this.properties.orderPollInterval());
            }
            if (result instanceof PurchaseResult.OutcomeUnknown unknown) {
                return unknownOutcome(tenant, unknown.reason());
            }
            if (result instanceof PurchaseResult.Refused refused) {
                return retry(tenant, "telnyx", refused.reason());
            }
            if (result instanceof PurchaseResult.Stopped stopped) {
                // Not the tenant's failure: no attempt used, due again at the next run.
                this.tenants.postpone(tenant.id(), false, now(), "orders", stopped.reason(), now());
                return new ProvisioningOutcome(tenant.id(), Result.RETRY, stopped.reason());
            }
            if (result instanceof PurchaseResult.Exhausted exhausted) {
                return retry(tenant, "telnyx", exhausted.reason());
            }
            return new ProvisioningOutcome(tenant.id(), Result.RETRY, ((PurchaseResult.Contended) result).reason());
        }
        catch (TelnyxException.Fatal fatal) {
            throw fatal;
        }
        catch (TelnyxException failure) {
            return retry(tenant, "telnyx", failure.getMessage());
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
        if (!this.tenants.activate(tenant.id(), reference, number.phoneNumber(), number.id(), now())) {
            // The row moved on under us (another worker, reconciliation): the number is ours and tagged with the
            // tenant's reference, so reconciliation ties it up; nothing is bought again.
            log.warn("tenant {}: bought {} under {}, but the row changed meanwhile; left to reconciliation",
                    tenant.id(), Redaction.phone(number.phoneNumber()), reference);
            return new ProvisioningOutcome(tenant.id(), Result.RETRY, "row changed while activating " + reference);
        }
        return new ProvisioningOutcome(tenant.id(), Result.ACTIVE, null);
    }

    /** Not a failure: an order to follow or an outcome to resolve. Never uses up an attempt. */
    private ProvisioningOutcome later(TenantRow tenant, Result result, String reason, java.time.Duration delay) {
        this.tenants.postpone(tenant.id(), false, now().plus(delay), "telnyx-order", reason, now());
        return new ProvisioningOutcome(tenant.id(), result, reason);
    }

    /**
     * The order may or may not exist: visible at once (log, reason on the row, metric), resolved by the next run's
     * customer-reference lookup, never re-ordered blindly. Each unresolved look counts as an attempt; after
     * {@code maxAttempts} of them the tenant is escalated for a human (error log, reason, slowest retry), still
     * holding its intent, since the order may exist.
     */
    private ProvisioningOutcome unknownOutcome(TenantRow tenant, String cause) {
        int looks = tenant.attempts() + 1;
        boolean escalated = looks >= this.properties.maxAttempts();
        String reason = (escalated ? "NEEDS A HUMAN: " : "") + "order outcome unknown (unresolved look " + looks
                + " of " + this.properties.maxAttempts() + ", resolved by customer reference next run): "
                + Redaction.text(cause);
        Instant retryAt = now().plus(escalated ? this.properties.maxRetryBackoff()
                : this.properties.unknownOutcomeDelay());
        this.tenants.postpone(tenant.id(), true, retryAt, UNKNOWN_OUTCOME_FIELD, reason, now());
        this.meters.counter(UNKNOWN_OUTCOMES, "escalated", String.valueOf(escalated)).increment();
        if (escalated) {
            log.error("tenant {}: {}", tenant.id(), reason);
        }
        else {
            log.warn("tenant {}: {}; next look at {}", tenant.id(), reason, retryAt);
        }
        return new ProvisioningOutcome(tenant.id(), Result.RETRY, reason);
    }

    private ProvisioningOutcome retry(TenantRow tenant, String field, String reason) {
        int attempts = tenant.attempts() + 1;
        if (attempts >= this.properties.maxAttempts() && !tenant.mayHoldANumber()) {
            return giveUp(tenant, field, reason + " (gave up after " + attempts + " attempts)");
        }
        // An intent or an order is never given up: it may hold a number we pay for (the repository enforces it).
        Instant retryAt = now().plus(this.properties.backoffAfter(attempts));
        this.tenants.postpone(tenant.id(), true, retryAt, field, reason, now());
        return new ProvisioningOutcome(tenant.id(), Result.RETRY, reason);
    }

    private ProvisioningOutcome giveUp(TenantRow tenant, String field, String reason) {
        if (!this.tenants.giveUp(tenant.id(), field, reason, now())) {
            // It holds an intent or an order after all: keep following it, slowly.
            this.tenants.postpone(tenant.id(), true, now().plus(this.properties.maxRetryBackoff()), field, reason,
                    now());
            return new ProvisioningOutcome(tenant.id(), Result.RETRY, reason);
        }
        log.warn("tenant {}: failed, needs a human: {}: {}", tenant.id(), field, reason);
        return new ProvisioningOutcome(tenant.id(), Result.FAILED, field + ": " + reason);
    }

    private Instant now() {
        return this.clock.instant();
    }

}
