package com.numbering.telnyx.internal;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.numbering.support.EvenPacer;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxProperties;
import com.telnyx.sdk.ApiClient;

@Configuration(proxyBeanMethods = false)
class TelnyxClientConfiguration {

    @Bean
    TelnyxGateway telnyxGateway(TelnyxProperties properties, MeterRegistry meters) {
        ApiClient api = HardenedApiClient.create(properties);
        TelnyxCalls calls = new TelnyxCalls(new EvenPacer(properties.requestsPerSecond()),
                new TelnyxErrors(api.getJSON().getMapper()), properties.maxAttempts(), meters);
        return new SdkTelnyxGateway(api, calls);
    }

}
