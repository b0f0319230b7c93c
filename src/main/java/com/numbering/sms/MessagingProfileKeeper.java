package com.numbering.sms;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.MessagingProfile;
import com.numbering.telnyx.TelnyxGateway.MessagingProfileSettings;

/**
 * The shared number's messaging profile in its desired state: found by the id we recorded, else by name (a profile
 * a crashed run created), else created; a profile someone edited by hand is put back and the drift recorded.
 */
@Component
class MessagingProfileKeeper {

    private static final Logger log = LoggerFactory.getLogger(MessagingProfileKeeper.class);

    private final TelnyxGateway telnyx;

    private final SystemConfigRepository config;

    private final SmsProperties sms;

    private final MeterRegistry meters;

    MessagingProfileKeeper(TelnyxGateway telnyx, SystemConfigRepository config, SmsProperties sms,
            MeterRegistry meters) {
        this.telnyx = telnyx;
        this.config = config;
        this.sms = sms;
        this.meters = meters;
    }

    MessagingProfile ensure(SharedSmsState state) {
        MessagingProfileSettings desired = new MessagingProfileSettings(this.sms.messagingProfileName(), true,
                this.sms.allowedDestinations(), this.sms.inboundWebhook(), this.sms.failoverWebhook(), "2");
        Optional<MessagingProfile> existing = state.profileId() != null
                ? this.telnyx.getMessagingProfile(state.profileId()) : Optional.empty();
        if (existing.isEmpty()) {
            // A run that crashed after creating it left it behind under our name: adopt it.
            existing = this.telnyx.findMessagingProfileByName(desired.name());
        }
        if (existing.isEmpty()) {
            MessagingProfile created = this.telnyx.createMessagingProfile(desired);
            log.info("Created messaging profile {} for client alerts", created.id());
            this.config.recordProfile(created.id());
            return created;
        }
        MessagingProfile profile = existing.get();
        if (!profile.id().equals(state.profileId())) {
            this.config.recordProfile(profile.id());
        }
        List<String> drift = drift(profile.settings(), desired);
        if (drift.isEmpty()) {
            return profile;
        }
        String report = String.join("; ", drift);
        log.warn("Messaging profile {} was edited by hand, putting it back: {}", profile.id(), report);
        this.meters.counter("numbering.sms.profile.repairs").increment();
        MessagingProfile repaired = this.telnyx.updateMessagingProfile(profile.id(), desired);
        this.config.recordDrift(report);
        return repaired;
    }

    private static List<String> drift(MessagingProfileSettings actual, MessagingProfileSettings desired) {
        List<String> drift = new ArrayList<>();
        compare(drift, "name", actual.name(), desired.name());
        compare(drift, "enabled", actual.enabled(), desired.enabled());
        compare(drift, "whitelisted_destinations", new HashSet<>(actual.whitelistedDestinations()),
                new HashSet<>(desired.whitelistedDestinations()));
        compare(drift, "webhook_url", actual.webhookUrl(), desired.webhookUrl());
        compare(drift, "webhook_failover_url", actual.webhookFailoverUrl(), desired.webhookFailoverUrl());
        compare(drift, "webhook_api_version", actual.webhookApiVersion(), desired.webhookApiVersion());
        return drift;
    }

    private static void compare(List<String> drift, String field, Object actual, Object desired) {
        if (!Objects.equals(actual, desired)) {
            drift.add(field + " was " + actual + ", should be " + desired);
        }
    }

}
