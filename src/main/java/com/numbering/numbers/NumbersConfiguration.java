package com.numbering.numbers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.nanp.NanpDirectory;

@Configuration(proxyBeanMethods = false)
class NumbersConfiguration {

    @Bean
    AreaCodeResolver areaCodeResolver(NanpDirectory nanp) {
        return new AreaCodeResolver(nanp);
    }

    @Bean
    SearchLadder searchLadder(NanpDirectory nanp) {
        return new SearchLadder(nanp);
    }

    @Bean
    CustomerReferences customerReferences(OrderProperties orders) {
        return new CustomerReferences(orders.deployment());
    }

    @Bean
    DailyOrderCount dailyOrderCount(JdbcTemplate jdbc) {
        return new DailyOrderCount(jdbc);
    }

}
