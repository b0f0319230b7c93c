package com.numbering.telnyx.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.numbering.pacing.RequestBudget;
import com.numbering.pacing.Traffic;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How requests travel: the API key goes over https to Telnyx, and never follows a redirect anywhere. */
class TransportGuardTests {

    @Test
    void aRedirectIsAnErrorAndTheApiKeyNeverTravelsToItsTarget() throws Exception {
        // given a server that redirects every request to another, which records what reaches it
        List<String> reached = new CopyOnWriteArrayList<>();
        HttpServer elsewhere = server();
        elsewhere.createContext("/", exchange -> {
            reached.add(exchange.getRequestURI() + " auth=" + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        HttpServer redirecting = server();
        redirecting.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location",
                    "http://127.0.0.1:" + elsewhere.getAddress().getPort() + exchange.getRequestURI());
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        try {
            TelnyxGateway gateway = gateway(URI.create("http://127.0.0.1:" + redirecting.getAddress().getPort() + "/v2"));

            // when
            TelnyxException failure = catchThrowableOfType(TelnyxException.class, () -> gateway.listInventory(1, 1));

            // then
            assertThat(failure).as("a redirect is answered as an error").isNotNull();
            assertThat(reached).as("requests that reached the redirect's target").isEmpty();
        }
        finally {
            redirecting.stop(0);
            elsewhere.stop(0);
        }
    }

    @Test
    void telnyxOverPlainHttpIsRefusedAtStart() {
        assertThatIllegalArgumentException().isThrownBy(() -> properties(URI.create("http://api.telnyx.com/v2")))
            .withMessageContaining("would send the API key in clear");
        assertThat(properties(URI.create("https://api.telnyx.com/v2")).isRealTelnyx()).isTrue();
        assertThat(properties(URI.create("http://127.0.0.1:8099/v2")).isRealTelnyx()).as("a local simulator").isFalse();
    }

    private static HttpServer server() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
        return server;
    }

    private static TelnyxProperties properties(URI baseUrl) {
        return new TelnyxProperties("KEY-never-elsewhere", baseUrl, "conn", Duration.ofSeconds(2),
                Duration.ofSeconds(5), 10, 4, 1);
    }

    private static TelnyxGateway gateway(URI baseUrl) {
        return TelnyxClientConfiguration.telnyxGateway(properties(baseUrl), new RequestBudget() {

            @Override
            public void acquire(Traffic traffic) {
            }

            @Override
            public void pause(Duration delay) {
            }

        }, Duration.ofSeconds(60), new SimpleMeterRegistry());
    }

}
