package com.numbering.demo;

import org.springframework.boot.SpringApplication;

import com.numbering.NumberingApplication;

/**
 * README's first command ({@code ./mvnw spring-boot:test-run}): the production application, started with the
 * {@code demo} profile on the test classpath, where the embedded PostgreSQL and the Telnyx simulator live.
 */
public final class DemoApplication {

    private DemoApplication() {
    }

    public static void main(String[] args) {
        SpringApplication.from(NumberingApplication::main).withAdditionalProfiles("demo").run(args);
    }

}
