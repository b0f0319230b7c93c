package com.numbering.telnyx.sandbox.contract;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/** Every operation under {@code paths}, and the routing of a concrete request path to one of them. */
final class OperationIndex {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** A request path resolved to its template, with the decoded path parameters. */
    record Route(PathTemplate template, Map<String, String> pathParameters) {
    }

    private final JsonNode root;
    private final Map<PathTemplate, Map<String, Operation>> operations = new LinkedHashMap<>();

    OperationIndex(JsonNode root) {
        this.root = root;
        Pointer paths = Pointer.ROOT.child("paths");
        for (String path : (Iterable<String>) root.path("paths")::fieldNames) {
            PathTemplate template = PathTemplate.parse(path);
            Map<String, Operation> byMethod = new LinkedHashMap<>();
            Pointer item = Operation.follow(root, paths.child(path));
            for (String method : METHODS) {
                if (item.resolve(root).has(method)) {
                    Pointer at = item.child(method);
                    byMethod.put(method, new Operation(method, template, root, at, parameters(item, at)));
                }
            }
            operations.put(template, Map.copyOf(byMethod));
        }
    }

    /**
     * The template the raw path belongs to. Segments are percent-decoded one by one (a '+' stays a '+', as in
     * {@code /10dlc/phone_number_campaigns/+18005550199}); a literal segment beats a templated one.
     */
    Optional<Route> route(String rawPath) {
        List<String> segments = decodedSegments(rawPath);
        Route best = null;
        for (PathTemplate template : operations.keySet()) {
            Optional<Map<String, String>> parameters = template.match(segments);
            if (parameters.isPresent() && (best == null || template.compareSpecificity(best.template()) < 0)) {
                best = new Route(template, parameters.get());
            }
        }
        return Optional.ofNullable(best);
    }

    Optional<Operation> operation(Route route, String method) {
        return Optional.ofNullable(operations.get(route.template()).get(method.toLowerCase(Locale.ROOT)));
    }

    Set<String> methods(Route route) {
        Set<String> methods = new TreeSet<>();
        operations.get(route.template()).keySet().forEach(method -> methods.add(method.toUpperCase(Locale.ROOT)));
        return methods;
    }

    private static List<String> decodedSegments(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + rawPath);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.substring(1).split("/", -1)) {
            segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return segments;
    }

    /** Path-item parameters apply to every operation unless the operation redeclares the same name and location. */
    private List<Parameter> parameters(Pointer item, Pointer operation) {
        Map<String, Parameter> byKey = new LinkedHashMap<>();
        for (Pointer owner : List.of(item, operation)) {
            JsonNode declared = owner.resolve(root).path("parameters");
            for (int i = 0; i < declared.size(); i++) {
                Parameter parameter = parameter(Operation.follow(root, owner.child("parameters").child(i)));
                byKey.put(parameter.in() + ":" + parameter.name(), parameter);
            }
        }
        return List.copyOf(byKey.values());
    }

    private Parameter parameter(Pointer at) {
        JsonNode node = at.resolve(root);
        String in = node.path("in").asText();
        String style = node.path("style").asText("query".equals(in) ? "form" : "simple");
        boolean required = node.path("required").asBoolean("path".equals(in));
        return new Parameter(node.path("name").asText(), in, required, style, new SchemaNode(root, at.child("schema")));
    }
}
