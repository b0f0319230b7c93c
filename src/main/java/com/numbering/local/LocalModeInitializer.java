package com.numbering.local;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Local mode, for demo runs and tests: {@code numbering.local.embedded-database=true} starts the throwaway
 * PostgreSQL and points the datasource at it; {@code numbering.local.simulator=true} starts the local Telnyx
 * simulator in-process and points the Telnyx client at it. Runs before any bean exists, so that every bean sees
 * the final configuration. Registered in META-INF/spring.factories.
 */
public class LocalModeInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String PROPERTY_SOURCE = "numberingLocalMode";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        Map<String, Object> properties = new HashMap<>();
        if (environment.getProperty("numbering.local.embedded-database", Boolean.class, false)) {
            properties.put("spring.datasource.url", EmbeddedDatabase.jdbcUrl());
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "");
        }
        if (environment.getProperty("numbering.local.simulator", Boolean.class, false)) {
            LocalSimulator.start(context, properties);
        }
        if (!properties.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        }
    }

}
