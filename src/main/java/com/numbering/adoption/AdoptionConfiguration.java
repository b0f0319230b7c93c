package com.numbering.adoption;

import org.flywaydb.core.api.callback.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.config.InvalidConfigurationException;
import com.numbering.config.LaunchCheck;

/** Adopting the application's tenants table: the Flyway callbacks (adoption, lock timeout), the key's type, the mapping check per job. */
@Configuration(proxyBeanMethods = false)
class AdoptionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdoptionConfiguration.class);

    @Bean
    FlywayConfigurationCustomizer tenantAdoption() {
        return configuration -> configuration.callbacks(MigrationLockTimeout.allCallbacks().toArray(Callback[]::new));
    }

    /** Read after the migrations ran (a JdbcTemplate waits for them): {@code tenants} exists then. */
    @Bean
    TenantKey tenantKey(JdbcTemplate jdbc) {
        long start = System.nanoTime();
        TenantKey key = jdbc.execute((ConnectionCallback<TenantKey>) connection -> TenantTableInspection
            .inspect(connection)
            .orElseThrow(() -> new InvalidConfigurationException("table tenants does not exist")));
        // A start-up milestone (docs/benchmarks.md "Pod start-up and memory"), DEBUG: no line per run in production.
        log.debug("Tenants table inspected in {} ms: {}", (System.nanoTime() - start) / 1_000_000, key);
        return key;
    }

    /** Ops may redefine the view between runs: every job checks it before it starts. */
    @Bean
    LaunchCheck tenantMappingCheck(JdbcTemplate jdbc, TenantKey key) {
        return jobName -> jdbc.execute((ConnectionCallback<Void>) connection -> {
            TenantMapping.check(connection, key, true);
            return null;
        });
    }

}
