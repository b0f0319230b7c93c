package com.numbering;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.numbering.adoption.MigrationLockTimeout;
import com.numbering.local.EmbeddedDatabase;

/** A new, empty database on the embedded PostgreSQL server, for tests that must not share one. */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** JDBC URL of a new empty database (user {@code postgres}, no password). */
    public static String fresh(String prefix) throws SQLException {
        return fresh(prefix, EmbeddedDatabase.jdbcUrl());
    }

    /** JDBC URL of a new empty database on the server whose {@code postgres} database {@code serverUrl} names. */
    public static String fresh(String prefix, String serverUrl) throws SQLException {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(serverUrl, "postgres", "")) {
            admin.createStatement().execute("CREATE DATABASE " + name);
        }
        return serverUrl.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
    }

    /** The application's migrations, configured as the application configures them. */
    public static void migrate(JdbcTemplate jdbc) {
        migrate(jdbc, MigrationLockTimeout.allCallbacks().toArray(Callback[]::new));
    }

    /** The application's migrations with other callbacks than the application's. */
    public static void migrate(JdbcTemplate jdbc, Callback... callbacks) {
        Flyway.configure()
            .dataSource(jdbc.getDataSource())
            .locations("classpath:db/migration")
            .table("numbering_schema_history")
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .failOnMissingLocations(true)
            .callbacks(callbacks)
            .load()
            .migrate();
    }

    /** Removes every tenant, and first what refers to tenants (their queued alerts). */
    public static void deleteTenants(JdbcTemplate jdbc) {
        jdbc.update("DELETE FROM client_alerts");
        jdbc.update("DELETE FROM tenants");
    }

    public static JdbcTemplate jdbc(String url) {
        return new JdbcTemplate(new SingleConnectionDataSource(url, "postgres", "", true));
    }

}
