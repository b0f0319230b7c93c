package com.numbering.launch;

import java.time.Clock;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class LaunchConfiguration {

    @Bean
    MeterFilter meterDescriptions() {
        return new MeterDescriptions();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

}
