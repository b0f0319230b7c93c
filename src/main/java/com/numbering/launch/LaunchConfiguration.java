package com.numbering.launch;

import java.time.Clock;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ MetricsProperties.class, LaunchProperties.class })
class LaunchConfiguration {

    @Bean
    static RunLogContext runLogContext(ObjectProvider<GracefulStop> stops) {
        return new RunLogContext(stops);
    }

    @Bean
    GracefulStop gracefulStop(JobOperator jobOperator, LaunchProperties properties) {
        return new GracefulStop(jobOperator, properties.stopTimeout());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

}
