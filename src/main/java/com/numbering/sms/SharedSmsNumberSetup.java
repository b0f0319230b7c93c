package com.numbering.sms;

import java.time.Clock;
import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.numbering.config.InvalidConfigurationException;
import com.numbering.metrics.ObservedGauge;
import com.numbering.nanp.NanpDirectory;
import com.numbering.numbers.AreaCodeResolver.Origin;
import com.numbering.numbers.CandidatePools;
import com.numbering.numbers.CustomerReferences;
import com.numbering.numbers.DailyOrderCount;
import com.numbering.numbers.NumberPurchaser;
import com.numbering.numbers.OrderLimits;
import com.numbering.numbers.OrderProperties;
import com.numbering.numbers.PurchaseResult;
import com.numbering.numbers.SearchLadder;
import com.numbering.privacy.Redaction;
import com.numbering.support.SpendFence;
import com.numbering.telnyx.TelnyxGateway.CampaignAssignment;
import com.numbering.telnyx.TelnyxGateway.MessagingProfile;
import com.numbering.telnyx.TelnyxGateway.NumberOrderRequest;
import com.numbering.telnyx.TelnyxGateway.OwnedNumber;
import com.numbering.telnyx.TelnyxGateway;

/**
 * Brings the shared SMS number to its desired state: a messaging profile with our webhooks, a US local SMS number
 * on it (adopted if ops bought it, else bought with the voice ladder's crash safety), both recorded in
 * {@code system_config}, and its 10DLC campaign assignment checked. When everything is already so, it only reads.
 */
final class SharedSmsNumberSetup {

    private static final Logger log = LoggerFactory.getLogger(SharedSmsNumberSetup.class);

    private final TelnyxGateway telnyx;

    private final SystemConfigRepository config;

    private final SmsProperties sms;

    private final NanpDirectory nanp;

    private final NumberPurchaser purchaser;

    private final SearchLadder ladder;

    private final MessagingProfileKeeper profiles;

    private final Clock clock;

    /** Only what this run read from Telnyx: a run that fails before the check pushes no series. */
    private final ObservedGauge campaignAssigned;

    private final OrderProperties orders;

    private final DailyOrderCount dailyOrders;

    private final SpendFence fence;

    private final CustomerReferences references;

    SharedSmsNumberSetup(TelnyxGateway telnyx, SystemConfigRepository config, SmsProperties sms, NanpDirectory nanp,
            NumberPurchaser smsNumberPurchaser, SearchLadder ladder, MessagingProfileKeeper profiles, Clock clock,
            MeterRegistry meters, OrderProperties orders, DailyOrderCount dailyOrders, SpendFence fence,
            CustomerReferences references) {
        this.fence = fence;
        this.references = references;
        this.orders = orders;
        this.dailyOrders = dailyOrders;
        this.telnyx = telnyx;
        this.config = config;
        this.sms = sms;
        this.nanp = nanp;
        this.purchaser = smsNumberPurchaser;
        this.ladder = ladder;
        this.profiles = profiles;
        this.clock = clock;
        this.campaignAssigned = new ObservedGauge(meters, "numbering.sms.campaign.assigned",
                "1 when the shared number's 10DLC campaign is assigned, 0 when this run saw it is not");
    }

    /** @throws SharedNumberNotReadyException when the number is still being bought: the next run resolves it */
    CampaignAssignment run() {
        this.campaignAssigned.unknown();
        SharedSmsState state = this.config.load();
        MessagingProfile profile = this.profiles.ensure(state);
        this.config.recordDestinations(profile.settings().whitelistedDestinations());
        OwnedNumber number = ensureNumber(state, profile);
        if (!profile.id().equals(number.messagingProfileId())) {
            log.info("Putting the shared SMS number {} on messaging profile {}", Redaction.phone(number.phoneNumber()),
                    profile.id());
            this.telnyx.assignMessagingProfile(number.id(), profile.id());
        }
        return checkCampaign(state, number.phoneNumber());
    }

    private OwnedNumber ensureNumber(SharedSmsState state, MessagingProfile profile) {
        String configured = blankToNull(this.sms.number());
        if (state.isActive() && (configured == null || configured.equals(state.number()))) {
            return this.telnyx.getOwnedNumber(state.numberId());
        }
        if (configured != null) {
            return adopt(configured);
        }
        Origin origin = Origin.areaCode(this.nanp.lookup(this.sms.areaCode().trim()).orElseThrow(), "configuration");
        CandidatePools pools = CandidatePools.forRun(this.telnyx, this.clock);
        PurchaseResult result = this.purchaser.purchase(new SharedSmsPurchaseRecord(this.config, this.references), state.purchase(),
                this.ladder.rungs(origin, "sms"), pools, new OrderLimits(this.orders, this.dailyOrders, this.fence),
                new NumberOrderRequest(null, null, profile.id(), null));
        if (result instanceof PurchaseResult.Bought bought) {
            this.config.activate(bought.number().phoneNumber(), bought.number().id());
            log.info("Bought the shared SMS number {}", Redaction.phone(bought.number().phoneNumber()));
            return bought.number();
        }
        throw new SharedNumberNotReadyException("The shared SMS number is not ready yet (" + result
                + "); the next run resumes it without buying twice");
    }

    /** Ops bought it by hand: it must be in the account, and never a tenant's voice number. */
    private OwnedNumber adopt(String configured) {
        if (this.config.isTenantNumber(configured)) {
            throw new InvalidConfigurationException("TELNYX_SMS_NUMBER " + Redaction.phone(configured)
                    + " is a tenant's voice number: tenant numbers never send SMS. Configure another number.");
        }
        OwnedNumber owned = this.telnyx.findOwnedNumber(configured)
            .orElseThrow(() -> new InvalidConfigurationException("TELNYX_SMS_NUMBER " + Redaction.phone(configured)
                    + " is not in the Telnyx account: buy it in Mission Control first, or unset it to let this job "
                    + "buy one in NUMBERING_SMS_AREA_CODE"));
        this.config.activate(owned.phoneNumber(), owned.id());
        log.info("Adopted the configured shared SMS number {}", Redaction.phone(configured));
        return owned;
    }

    private CampaignAssignment checkCampaign(SharedSmsState state, String number) {
        CampaignAssignment assignment = this.telnyx.getCampaignAssignment(number)
            .orElse(new CampaignAssignment(number, null, "NOT_ASSIGNED"));
        if (!Objects.equals(assignment.assignmentStatus(), state.campaignStatus())) {
            this.config.recordCampaign(assignment.assignmentStatus(), assignment.campaignId());
        }
        this.campaignAssigned.observed(assignment.isAssigned() ? 1 : 0);
        if (assignment.isAssigned() && this.config.releaseHold()) {
            log.info("The 10DLC campaign of the shared SMS number {} is assigned: the hold put when carriers refused "
                    + "it is released, client alerts go again", Redaction.phone(number));
        }
        if (!assignment.isAssigned()) {
            log.warn("The shared SMS number {} has no active 10DLC campaign assignment ({}). Alerts are held until "
                    + "it has: register the brand and campaign in Mission Control (Messaging > 10DLC) and assign "
                    + "this number to the campaign. See README, section 10DLC.", Redaction.phone(number),
                    assignment.assignmentStatus());
        }
        return assignment;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The number is still being bought; nothing is wrong with the configuration. */
    static final class SharedNumberNotReadyException extends RuntimeException {

        SharedNumberNotReadyException(String message) {
            super(message);
        }

    }

}
