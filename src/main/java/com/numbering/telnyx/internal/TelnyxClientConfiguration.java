package com.numbering.telnyx.internal;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.metrics.MeterDescriptions;
import com.numbering.telnyx.TelnyxBudgetProperties;
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

    @Bean
    TelnyxGateway telnyxGateway(TelnyxProperties properties, TelnyxBudgetProperties budget, JdbcTemplate jdbc,
            MeterRegistry meters) {
        ApiClient api = HardenedApiClient.create(properties);
        TelnyxCalls calls = calls(api, properties,
                new SharedRequestBudget(jdbc, properties.requestsPerSecond(), budget),
                budget.maxPause(), meters);
        ClientPriming.startInBackground(api.getHttpClient(), new TelnyxJson(), calls::primed);
        return new SdkTelnyxGateway(api, calls);
    }

    static TelnyxGateway telnyxGateway(TelnyxProperties properties, RequestBudget budget, Duration maxPause,
            MeterRegistry meters) {
        ApiClient api = HardenedApiClient.create(properties);
        return new SdkTelnyxGateway(api, calls(api, properties, budget, maxPause, meters));
    }

    private static TelnyxCalls calls(ApiClient api, TelnyxProperties properties, RequestBudget budget,
            Duration maxPause, MeterRegistry meters) {
        return new TelnyxCalls(budget, new TelnyxErrors(api.getJSON().getMapper(), maxPause, meters),
                properties.maxAttempts(), meters);
    }

}
