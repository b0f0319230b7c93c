package com.numbering.nanp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NanpConfiguration {

    @Bean
    NanpDirectory nanpDirectory() {
        return NanpDirectory.load();
    }

}
