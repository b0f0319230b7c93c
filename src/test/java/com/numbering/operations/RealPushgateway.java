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

/** Debian's {@code prometheus-pushgateway} binary on a free port, for as long as a test needs it. */
final class RealPushgateway implements AutoCloseable {

    private final Process process;

    private final int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private RealPushgateway(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RealPushgateway start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("pushgateway", ".log");
        Process process;
        try {
            process = new ProcessBuilder("prometheus-pushgateway", "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        }
        catch (IOException ex) {
            return fail("prometheus-pushgateway is not installed: run .ci/run's install step "
                    + "(apt-get install -y prometheus-pushgateway)", ex);
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
