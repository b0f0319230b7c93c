package com.numbering.telnyx.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A plain JDK HTTP client for the simulator, so tests see exactly what goes over the wire. */
final class SimulatorClient {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    private final String apiKey;

    SimulatorClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** Query pairs as name, value, name, value…; names and values are percent-encoded like the SDK does. */
    Reply get(String path, String... query) {
        return send(request(path, query).GET());
    }

    Reply post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply patch(String path, String json) {
        return send(request(path).method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    /** Sends and lets an I/O failure through, for tests about broken connections. */
    HttpResponse<String> sendRaw(HttpRequest.Builder request) throws IOException, InterruptedException {
        return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path, String... query) {
        String queryString = IntStream.range(0, query.length / 2)
            .mapToObj(i -> encode(query[2 * i]) + "=" + encode(query[2 * i + 1]))
            .collect(Collectors.joining("&"));
        URI uri = URI.create(this.baseUrl + path + (queryString.isEmpty() ? "" : "?" + queryString));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json");
        return (this.apiKey != null) ? builder.header("Authorization", "Bearer " + this.apiKey) : builder;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = sendRaw(request);
            return new Reply(response.statusCode(), MAPPER.readTree(response.body()), response);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    record Reply(int status, JsonNode json, HttpResponse<String> raw) {

        String header(String name) {
            return this.raw.headers().firstValue(name).orElse(null);
        }

        String errorCode() {
            return this.json.path("errors").path(0).path("code").asText(null);
        }

    }

}
