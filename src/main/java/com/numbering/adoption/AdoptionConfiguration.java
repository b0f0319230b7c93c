package com.numbering.adoption;

import org.flywaydb.core.api.callback.Callback;
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

    @Bean
    FlywayConfigurationCustomizer tenantAdoption() {
        return configuration -> configuration.callbacks(MigrationLockTimeout.allCallbacks().toArray(Callback[]::new));
    }

    /** Read after the migrations ran (a JdbcTemplate waits for them): {@code tenants} exists then. */
    @Bean
    TenantKey tenantKey(JdbcTemplate jdbc) {
        return jdbc.execute((ConnectionCallback<TenantKey>) connection -> TenantTableInspection.inspect(connection)
            .orElseThrow(() -> new InvalidConfigurationException("table tenants does not exist")));
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
