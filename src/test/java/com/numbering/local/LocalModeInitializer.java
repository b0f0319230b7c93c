package com.numbering.local;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import com.numbering.config.InvalidConfigurationException;

/**
 * Local mode, for demo runs and tests: {@code numbering.local.embedded-database=true} starts the throwaway
 * PostgreSQL and points the datasource at it; {@code numbering.local.simulator=true} starts the local Telnyx
 * simulator in-process and points the Telnyx client at it. Runs before any bean exists, so that every bean sees
 * the final configuration. Registered in the test tree's META-INF/spring.factories, so it exists only where the
 * embedded database does. The throwaway database is never combined with real Telnyx: numbers bought then would be
 * forgotten when the process exits.
 */
public class LocalModeInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String PROPERTY_SOURCE = "numberingLocalMode";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        Map<String, Object> properties = new HashMap<>();
        if (environment.getProperty("numbering.local.embedded-database", Boolean.class, false)) {
            refuseRealTelnyx(environment);
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

    private static void refuseRealTelnyx(ConfigurableEnvironment environment) {
        if (environment.getProperty("numbering.local.simulator", Boolean.class, false)
                || environment.getProperty("numbering.telnyx.api-key", "").isBlank()) {
            return; // without a key nothing can be bought; TelnyxProperties' validation says what to set
        }
        String host = URI.create(environment.getProperty("numbering.telnyx.base-url", "")).getHost();
        if (host != null && (host.equals("telnyx.com") || host.endsWith(".telnyx.com"))) {
            throw new InvalidConfigurationException("Refusing to run: the embedded (throwaway) database is combined "
                    + "with real Telnyx at " + host + ": numbers bought now would be forgotten when the process exits. "
                    + "Point spring.datasource.url at the real database, or set numbering.local.simulator=true");
        }
    }

}
