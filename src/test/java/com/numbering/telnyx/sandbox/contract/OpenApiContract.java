package com.numbering.telnyx.sandbox.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks HTTP traffic against Telnyx's OpenAPI 3.1 subset: routing, query and path parameters, and JSON bodies in
 * both directions. Violations come back as readable strings; an empty list means the exchange conforms. Instances are
 * immutable apart from a concurrent cache of compiled schemas, so one instance can serve many threads.
 */
public final class OpenApiContract {

    private static final Logger LOG = LoggerFactory.getLogger(OpenApiContract.class);
    private static final String TELNYX_SPEC = "telnyx/openapi-subset.yaml";

    private final OperationIndex operations;
    private final ParameterChecker parameters;
    private final BodyChecker bodies;

    private OpenApiContract(JsonNode spec) {
        Map<DirectionalView, JsonNode> views = new EnumMap<>(DirectionalView.class);
        for (DirectionalView view : DirectionalView.values()) {
            List<String> exempted = new ArrayList<>();
            views.put(view, view.of(spec, exempted));
            LOG.debug("{} view: {} required properties exempted: {}", view, exempted.size(), exempted);
        }
        CompiledSchemas schemas = new CompiledSchemas(views);
        this.operations = new OperationIndex(spec);
        this.parameters = new ParameterChecker(schemas);
        this.bodies = new BodyChecker(schemas);
    }

    /** Loads classpath:telnyx/openapi-subset.yaml once (cache it in a static holder; loading is slow). */
    public static OpenApiContract telnyx() {
        return TelnyxHolder.INSTANCE;
    }

    public static OpenApiContract load(InputStream yaml) {
        try {
            return new OpenApiContract(new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document", e);
        }
    }

    /**
     * @param method  HTTP method, any case
     * @param path    request path WITHOUT the server base "/v2", e.g. "/available_phone_numbers" or
     *                "/phone_numbers/123/messaging" (raw, may be percent-encoded; decode path segments)
     * @param query   decoded query parameters, name -> values in order, e.g. "filter[country_code]" -> ["US"],
     *                "filter[features]" -> ["voice","sms"] or ["voice,sms"]
     * @param body    request body text or null
     * @return violations as human-readable strings ("POST /number_orders: body $.phone_numbers[0].phone_number:
     *         required property missing"); empty = valid
     */
    public List<String> checkRequest(String method, String path, Map<String, List<String>> query, String body) {
        String label = method.toUpperCase(Locale.ROOT) + " " + path;
        Resolved resolved = resolve(method, path);
        if (resolved.operation() == null) {
            return List.of(label + ": " + resolved.problem());
        }
        List<String> violations = new ArrayList<>();
        violations.addAll(parameters.checkPath(resolved.operation(), resolved.route().pathParameters()));
        violations.addAll(parameters.checkQuery(resolved.operation(), query == null ? Map.of() : query));
        violations.addAll(bodies.checkRequest(resolved.operation(), body));
        return prefixed(label, violations);
    }

    /**
     * Validates a response: status must be declared for the operation (or covered by "default"/"4XX"-style ranges if
     * the spec uses them); JSON body validated against that response's application/json schema. Empty/absent body
     * allowed only when the spec declares no content.
     */
    public List<String> checkResponse(String method, String path, int status, String body) {
        String label = method.toUpperCase(Locale.ROOT) + " " + path + " -> " + status;
        Resolved resolved = resolve(method, path);
        if (resolved.operation() == null) {
            return List.of(label + ": " + resolved.problem());
        }
        Optional<Pointer> response = resolved.operation().response(status);
        if (response.isEmpty() && DOCUMENTED_EVERYWHERE.test(status)) {
            response = errorResponse(resolved.operation());
        }
        if (response.isEmpty()) {
            return List.of(label + ": status " + status + " is not declared (declared: "
                    + resolved.operation().declaredStatuses() + ")");
        }
        return prefixed(label, bodies.checkResponse(resolved.operation(), response.get(), body));
    }

    /**
     * Telnyx documents rate limiting (429, error 10011: https://developers.telnyx.com/docs/overview/errors) and server
     * errors for "the majority of endpoints", but the spec declares them on few operations. Such a response must still carry the operation's declared error body.
     */
    private static final java.util.function.IntPredicate DOCUMENTED_EVERYWHERE = status -> status == 429
            || status >= 500;

    private static Optional<Pointer> errorResponse(Operation operation) {
        for (int declared : new int[] { 422, 400, 404, 401 }) {
            Optional<Pointer> response = operation.response(declared);
            if (response.isPresent()) {
                return response;
            }
        }
        return Optional.empty();
    }

    private Resolved resolve(String method, String path) {
        Optional<OperationIndex.Route> route;
        try {
            route = operations.route(path);
        } catch (IllegalArgumentException e) {
            return Resolved.failed("malformed path (" + e.getMessage() + ")");
        }
        if (route.isEmpty()) {
            return Resolved.failed("no path of the spec matches");
        }
        return operations.operation(route.get(), method)
                .map(operation -> new Resolved(route.get(), operation, null))
                .orElseGet(() -> Resolved.failed("method not declared for " + route.get().template().text()
                        + " (declared: " + String.join(", ", operations.methods(route.get())) + ")"));
    }

    private static List<String> prefixed(String label, List<String> violations) {
        return violations.stream().map(violation -> label + ": " + violation).toList();
    }

    private record Resolved(OperationIndex.Route route, Operation operation, String problem) {
        static Resolved failed(String problem) {
            return new Resolved(null, null, problem);
        }
    }

    private static final class TelnyxHolder {
        static final OpenApiContract INSTANCE = loadTelnyx();

        private static OpenApiContract loadTelnyx() {
            try (InputStream yaml = OpenApiContract.class.getClassLoader().getResourceAsStream(TELNYX_SPEC)) {
                if (yaml == null) {
                    throw new IllegalStateException("classpath:" + TELNYX_SPEC + " is missing");
                }
                return load(yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
