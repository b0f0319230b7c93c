package com.numbering.launch;

import java.time.Clock;

import java.time.Duration;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class LaunchConfiguration {

    @Bean
    static RunLogContext runLogContext(ObjectProvider<GracefulStop> stops) {
        return new RunLogContext(stops);
    }

    @Bean
    GracefulStop gracefulStop(JobOperator jobOperator,
            @Value("${numbering.launch.stop-timeout:50s}") Duration stopTimeout) {
        return new GracefulStop(jobOperator, stopTimeout);
    }

    @Bean
    MeterFilter meterDescriptions() {
        return new MeterDescriptions();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

}
