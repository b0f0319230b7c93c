package com.numbering.launch;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LaunchConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

}
