package com.numbering.telnyx.internal;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.metrics.MeterDescriptions;
import com.numbering.pacing.AccountPacing;
import com.numbering.pacing.RequestBudget;
import com.numbering.pacing.SharedRequestBudget;
import com.numbering.pacing.TelnyxBudgetProperties;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxProperties;
import com.telnyx.sdk.ApiClient;

@Configuration(proxyBeanMethods = false)
class TelnyxClientConfiguration {

    @Bean
    static MeterDescriptions telnyxMeterDescriptions() {
        return new MeterDescriptions(Map.of(
                "numbering.telnyx.requests", "Telnyx API calls by operation and outcome (ok, retried, rate_limited, "
                        + "transient, rejected, fatal), each attempt counted",
                "numbering.telnyx.request", "Time Telnyx took to answer one request (each attempt), by operation"));
    }

    /** The account's turns, shared by every Telnyx call of this process and by the alert sender's pacing. */
    @Bean
    AccountPacing accountPacing(TelnyxProperties properties, TelnyxBudgetProperties budget, JdbcTemplate jdbc) {
        return new AccountPacing(new SharedRequestBudget(jdbc, properties.requestsPerSecond(), budget));
    }

    @Bean
    TelnyxGateway telnyxGateway(TelnyxProperties properties, TelnyxBudgetProperties budget, AccountPacing account,
            MeterRegistry meters) {
        ApiClient api = HardenedApiClient.create(properties);
        ClientPriming.startInBackground(api.getHttpClient(), new TelnyxJson(), account::primed);
        return new SdkTelnyxGateway(api, calls(api, properties, account, budget.maxPause(), meters));
    }

    static TelnyxGateway telnyxGateway(TelnyxProperties properties, RequestBudget budget, Duration maxPause,
            MeterRegistry meters) {
        ApiClient api = HardenedApiClient.create(properties);
        return new SdkTelnyxGateway(api, calls(api, properties, new AccountPacing(budget), maxPause, meters));
    }

    private static TelnyxCalls calls(ApiClient api, TelnyxProperties properties, AccountPacing account,
            Duration maxPause, MeterRegistry meters) {
        return new TelnyxCalls(account, new TelnyxErrors(api.getJSON().getMapper(), maxPause, meters),
                properties.maxAttempts(), meters);
    }

}
