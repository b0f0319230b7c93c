package com.numbering.campaign;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of the campaign's own (the same embedded binaries as the rest of the suite), which the
 * database-loss scenario really stops ({@code pg_ctl stop}: every session ends, nothing answers on the port) and starts
 * again on the same port and data directory, as a database failover or a restarted server looks to a job.
 */
final class StoppablePostgres implements AutoCloseable {

    private final Path dataDirectory;

    private final int port;

    private EmbeddedPostgres server;

    StoppablePostgres() throws IOException {
        this.dataDirectory = Files.createTempDirectory("campaign-pg");
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        start();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + this.port + "/postgres";
    }

    void start() throws IOException {
        this.server = EmbeddedPostgres.builder()
            .setDataDirectory(this.dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(this.port)
            .start();
    }

    void stop() throws IOException {
        this.server.close();
        this.server = null;
    }

    @Override
    public void close() throws IOException {
        if (this.server != null) {
            stop();
        }
        try (Stream<Path> files = Files.walk(this.dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

}
