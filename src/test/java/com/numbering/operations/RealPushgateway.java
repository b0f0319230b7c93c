package com.numbering.operations;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's {@code prometheus-pushgateway} binary on a free port, for as long as a test needs it, holding only what
 * the test pushes: no persistence file (Debian's build otherwise loads {@code /var/lib/prometheus/pushgateway.data},
 * whatever another gateway on the machine left there) and a working directory of its own.
 */
final class RealPushgateway implements AutoCloseable {

    private final Process process;

    private final int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private RealPushgateway(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RealPushgateway start() throws Exception {
        return start("");
    }

    /**
     * @param persistenceFile where the gateway loads and saves its groups; empty (what tests use) keeps them in
     * memory only
     */
    static RealPushgateway start(String persistenceFile) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path home = Files.createTempDirectory("pushgateway");
        Path log = home.resolve("pushgateway.log");
        Process process;
        try {
            process = new ProcessBuilder(binary(), "--web.listen-address=127.0.0.1:" + port,
                    "--persistence.file=" + persistenceFile)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        }
        catch (IOException ex) {
            return fail("the Prometheus Pushgateway is not installed: run src/test/tools/test-tools.sh "
                    + "(./mvnw verify runs it)", ex);
        }
        RealPushgateway gateway = new RealPushgateway(process, port);
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (gateway.get("/-/ready").contains("OK")) {
                    return gateway;
                }
            }
            catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        gateway.close();
        return fail("the Pushgateway did not start: " + Files.readString(log));
    }

    /** Debian names the binary {@code prometheus-pushgateway}; Homebrew and the upstream tarball {@code pushgateway}. */
    private static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "prometheus-pushgateway"))) {
                return "prometheus-pushgateway";
            }
        }
        return "pushgateway";
    }

    /** Pushes one group, as any program on the machine could. */
    void push(String job, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address() + "/metrics/job/" + job))
            .timeout(Duration.ofSeconds(5))
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build();
        int status = this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 != 2) {
            throw new IOException("push of group " + job + " answered " + status);
        }
    }

    String address() {
        return "127.0.0.1:" + this.port;
    }

    /** What Prometheus would scrape: every group's series. */
    String metrics() throws Exception {
        return get("/metrics");
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address() + path))
            .timeout(Duration.ofSeconds(5))
            .build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() throws Exception {
        this.process.destroy();
        if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
            this.process.destroyForcibly();
        }
    }

}
