package com.numbering.sms;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The shared SMS number. Checked by {@link SmsConfigurationCheck} before the jobs that need it, so that a missing
 * setting here never stops the voice jobs.
 *
 * @param number a number ops bought by hand ({@code TELNYX_SMS_NUMBER}, E.164), adopted instead of buying one
 * @param areaCode where to buy one otherwise ({@code NUMBERING_SMS_AREA_CODE}); the usual ladder falls back from it
 * @param publicBaseUrl the https base URL of our API, for the inbound and failover webhooks
 *        ({@code NUMBERING_PUBLIC_BASE_URL})
 * @param messagingProfileName the profile's name; also how a profile created by a crashed run is found again
 * @param orderPollInterval first wait before looking at a placed order's number again
 * @param orderPollTimeout how long one run follows a pending order
 * @param allowedDestinations countries (ISO 3166 alpha-2, or {@code *}) alerts may go to: the messaging profile's
 *        whitelisted destinations ({@code NUMBERING_SMS_ALLOWED_DESTINATIONS})
 */
@ConfigurationProperties("numbering.sms")
public record SmsProperties(String number, String areaCode, URI publicBaseUrl,
        @DefaultValue("Numbering client alerts") String messagingProfileName,
        @DefaultValue("1s") Duration orderPollInterval, @DefaultValue("30s") Duration orderPollTimeout,
        @DefaultValue("US") List<String> allowedDestinations) {

    static final String INBOUND_PATH = "/api/v1/telnyx/webhooks/sms/inbound";

    static final String FAILOVER_PATH = "/api/v1/telnyx/webhooks/sms/failover";

    String inboundWebhook() {
        return join(INBOUND_PATH);
    }

    String failoverWebhook() {
        return join(FAILOVER_PATH);
    }

    private String join(String path) {
        String base = this.publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

}
