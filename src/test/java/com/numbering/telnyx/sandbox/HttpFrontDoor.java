package com.numbering.telnyx.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every exchange, in order: decode, tell the observer, authenticate (401/10009), take a rate-limit token
 * (429/10011), apply an injected failure, else process under the state lock; then record it, wait the latency,
 * and answer, or, for a dropped exchange, close the connection without a byte of response.
 */
final class HttpFrontDoor implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(HttpFrontDoor.class);

    private final SimulatorState state;

    private final Router router;

    private final RateLimiter limiter;

    private final FaultPlan faults;

    private final SimulatorLedger ledger;

    private final byte[] expectedAuthorization;

    HttpFrontDoor(SimulatorState state, Router router, RateLimiter limiter, FaultPlan faults,
            SimulatorLedger ledger) {
        this.state = state;
        this.router = router;
        this.limiter = limiter;
        this.faults = faults;
        this.ledger = ledger;
        this.expectedAuthorization = ("Bearer " + state.settings.apiKey()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Instant receivedAt = this.state.now();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> query = HttpCodec.decodeQuery(exchange.getRequestURI().getRawQuery());
            String path = HttpCodec.decodePath(exchange.getRequestURI().getRawPath());
            observe(() -> this.state.settings.observer().request(method, path, query, body));
            boolean authorized = authorized(exchange.getRequestHeaders().getFirst("Authorization"));
            RateLimiter.Decision quota = authorized ? this.limiter.acquire() : this.limiter.peek();
            Optional<FaultPlan.Kind> fault = (authorized && quota.allowed()) ? this.faults.roll() : Optional.empty();
            Optional<Duration> drop = (authorized && quota.allowed()) ? this.faults.takeDrop(method, path)
                    : Optional.empty();
            if (fault.isPresent() && drop.isEmpty()) {
                drop = switch (fault.get()) {
                    case TIMEOUT -> Optional.of(this.faults.stall());
                    case LOST -> Optional.of(Duration.ZERO);
                    default -> drop;
                };
            }
            Optional<ApiResponse> refused = fault.map(HttpFrontDoor::refusal);
            Optional<FaultPlan.Failure> injected = (authorized && quota.allowed() && refused.isEmpty())
                    ? this.faults.takeFailure(method, path) : Optional.empty();
            ApiResponse response = refused.or(() -> injected.map(FaultPlan.Failure::toResponse))
                .orElseGet(() -> respond(authorized, quota, method, path, query, body));
            RateLimiter.Decision headers = injected.filter(failure -> failure.resetSeconds() >= 0)
                .map(failure -> new RateLimiter.Decision(false, quota.limit(), 0, failure.resetSeconds()))
                .orElse(quota);
            Optional<Integer> proxyError = (authorized && quota.allowed() && refused.isEmpty() && injected.isEmpty())
                    ? this.faults.takeProxyError(method, path) : Optional.empty();
            this.ledger.record(new LedgerRequest(method, path, query, proxyError.orElse(response.status()),
                    drop.isPresent(), receivedAt));
            Duration extra = fault.filter(FaultPlan.Kind.SLOW::equals).map(k -> this.faults.slow()).orElse(Duration.ZERO);
            sleep(this.state.injections.latency.plus(drop.orElse(Duration.ZERO)).plus(extra));
            if (drop.isPresent()) {
                // Closing before sendResponseHeaders makes the JDK server close the socket: the client has sent
                // its request, the work is done, and it reads end-of-stream instead of a status line.
                exchange.close();
                return;
            }
            if (proxyError.isPresent()) {
                // Not Telnyx's answer, so not checked against Telnyx's spec.
                sendProxyPage(exchange, proxyError.get());
                return;
            }
            String sent = Json.write(response.body());
            // before sending, so that whatever the observer checks is settled by the time the client has its answer
            observe(() -> this.state.settings.observer().response(method, path, response.status(), sent));
            send(exchange, headers, response.status(), sent);
        }
        catch (IOException | RuntimeException ex) {
            log.warn("Simulator exchange failed", ex);
            exchange.close();
        }
    }

    /** A random fault that answers instead of processing: a 5xx or a 429; null (process it) for the others. */
    private static ApiResponse refusal(FaultPlan.Kind kind) {
        return switch (kind) {
            case SERVER_ERROR -> new FaultPlan.Failure(500, "10007").toResponse();
            case RATE_LIMITED -> new FaultPlan.Failure(429, "10011").toResponse();
            default -> null;
        };
    }

    private ApiResponse respond(boolean authorized, RateLimiter.Decision quota, String method, String path,
            Map<String, List<String>> query, String body) {
        if (!authorized) {
            return new ApiError(401, "10009", "Authentication failed",
                    "Could not understand the provided credentials.", null, null)
                .toResponse();
        }
        if (!quota.allowed()) {
            return new ApiError(429, "10011", "Too many requests",
                    "You have exceeded the maximum number of allowed requests.", null, null)
                .toResponse();
        }
        synchronized (this.state) {
            try {
                return this.router.dispatch(method, path, query, body);
            }
            catch (RuntimeException ex) {
                log.error("Simulator endpoint failed on a {} request", method, ex);
                return new ApiError(500, "10007", "Unexpected error", "An unexpected error occured.", null, null)
                    .toResponse();
            }
        }
    }

    private boolean authorized(String header) {
        return header != null
                && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), this.expectedAuthorization);
    }

    private static void sendProxyPage(HttpExchange exchange, int status) throws IOException {
        byte[] bytes = ("<html><head><title>" + status + " Bad Gateway</title></head><body><center><h1>" + status
                + " Bad Gateway</h1></center></body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void send(HttpExchange exchange, RateLimiter.Decision quota, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("x-ratelimit-limit", String.valueOf(quota.limit()));
        exchange.getResponseHeaders().set("x-ratelimit-remaining", String.valueOf(quota.remaining()));
        exchange.getResponseHeaders().set("x-ratelimit-reset", String.valueOf(quota.resetSeconds()));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void observe(Runnable call) {
        try {
            call.run();
        }
        catch (RuntimeException | AssertionError ex) {
            // the failure text may quote bodies (numbers, message texts): it goes to the ledger, not the log
            log.warn("Traffic observer failed with {}", ex.getClass().getName());
            this.ledger.recordObserverFailure(ex.toString());
        }
    }

    private static void sleep(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(latency.toNanos());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
