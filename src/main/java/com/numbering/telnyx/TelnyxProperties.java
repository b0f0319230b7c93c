package com.numbering.telnyx;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Telnyx. Validated at start: a job never begins with a configuration that cannot work.
 *
 * @param apiKey API v2 key ({@code TELNYX_API_KEY})
 * @param baseUrl {@code TELNYX_BASE_URL}, default {@code https://api.telnyx.com/v2}
 * @param voiceConnectionId the SIP connection or Call Control application tenant numbers are attached to
 *        ({@code TELNYX_VOICE_CONNECTION_ID}); checked by the jobs that need it
 * @param connectTimeout how long a connection to Telnyx may take to open (the SDK's default is forever)
 * @param readTimeout how long Telnyx may take to answer a request (the SDK's default is forever)
 * @param requestsPerSecond the whole Telnyx account's request budget, shared by every process through PostgreSQL
 *        (see {@link com.numbering.pacing.TelnyxBudgetProperties}); set just under the account's API rate limit
 * @param maxConcurrentRequests how many calls may be in flight at once (HTTP connection pool size)
 * @param maxAttempts attempts for reads and idempotent writes on transient errors (1 = no retry)
 */
@Validated
@ConfigurationProperties("numbering.telnyx")
public record TelnyxProperties(
        @NotBlank(message = "is empty: set TELNYX_API_KEY to a Telnyx API v2 key (Mission Control > API Keys)") String apiKey,
        @NotNull(message = "is empty: set TELNYX_BASE_URL, normally https://api.telnyx.com/v2") URI baseUrl,
        String voiceConnectionId,
        @NotNull Duration connectTimeout,
        @NotNull Duration readTimeout,
        @DecimalMin(value = "0.5", message = "must be at least 0.5: the account's request budget in requests per second")
        @DecimalMax(value = "1000", message = "must be at most 1000: the account's request budget in requests per second")
        double requestsPerSecond,
        @Min(1) @Max(256) int maxConcurrentRequests,
        @Min(1) @Max(10) int maxAttempts) {

    public TelnyxProperties {
        if (baseUrl != null && isTelnyxHost(baseUrl.getHost()) && !"https".equalsIgnoreCase(baseUrl.getScheme())) {
            throw new IllegalArgumentException("numbering.telnyx.base-url (TELNYX_BASE_URL) " + baseUrl
                    + " would send the API key in clear: Telnyx's API is https://api.telnyx.com/v2");
        }
    }

    private static boolean isTelnyxHost(String host) {
        return host != null && (host.equalsIgnoreCase("telnyx.com") || host.toLowerCase().endsWith(".telnyx.com"));
    }

    /** True for Telnyx's own API; anything else (the local simulator, a staging stand-in) is not real Telnyx. */
    public boolean isRealTelnyx() {
        return isTelnyxHost(this.baseUrl.getHost());
    }

    @Override
    public String toString() {
        // Records print every component; the key must never reach a log.
        return "TelnyxProperties[baseUrl=" + this.baseUrl + ", voiceConnectionId=" + this.voiceConnectionId
                + ", requestsPerSecond=" + this.requestsPerSecond + "]";
    }

}
