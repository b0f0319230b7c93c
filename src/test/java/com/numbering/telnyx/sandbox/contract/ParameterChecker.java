package com.numbering.telnyx.sandbox.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Query and path parameters. Telnyx declares its search filters as one {@code deepObject} parameter ({@code filter})
 * whose schema lists the allowed names, and the real server silently ignores a name it does not know. So every
 * {@code filter[a][b]} key is walked down the declared properties, and a name that is not there is a violation even
 * though the schema itself (no {@code additionalProperties: false}) would let it through.
 */
final class ParameterChecker {

    private static final Pattern DEEP_NAME = Pattern.compile("([^\\[\\]]+)((?:\\[[^\\[\\]]*\\])+)");
    private static final Pattern SEGMENT = Pattern.compile("\\[([^\\[\\]]*)\\]");

    private final CompiledSchemas schemas;

    ParameterChecker(CompiledSchemas schemas) {
        this.schemas = schemas;
    }

    List<String> checkPath(Operation operation, Map<String, String> values) {
        List<String> violations = new ArrayList<>();
        for (Parameter parameter : operation.parameters("path")) {
            String value = values.get(parameter.name());
            if (value == null) {
                violations.add("path parameter '" + parameter.name() + "' is declared but not in the path template");
            } else {
                violations.addAll(checkValue("path parameter " + parameter.name(), parameter.schema(), List.of(value)));
            }
        }
        return violations;
    }

    List<String> checkQuery(Operation operation, Map<String, List<String>> query) {
        List<String> violations = new ArrayList<>();
        Map<String, Parameter> declared = new HashMap<>();
        operation.parameters("query").forEach(parameter -> declared.put(parameter.name(), parameter));
        query.forEach((name, values) -> violations.addAll(checkQueryParameter(declared, name, values)));
        for (Parameter parameter : declared.values()) {
            if (parameter.required() && !isPresent(parameter, query)) {
                violations.add("query parameter '" + parameter.name() + "' is required but missing");
            }
        }
        return violations;
    }

    private List<String> checkQueryParameter(Map<String, Parameter> declared, String name, List<String> values) {
        Parameter exact = declared.get(name);
        if (exact != null) {
            return exact.isDeepObject()
                    ? List.of("query parameter '" + name + "' is a deepObject and must be sent as " + name + "[...]")
                    : checkValue("query " + name, exact.schema(), values);
        }
        Matcher deep = DEEP_NAME.matcher(name);
        Parameter base = deep.matches() ? declared.get(deep.group(1)) : null;
        if (base == null) {
            return List.of("query parameter '" + name + "' is not declared for this operation");
        }
        if (!base.isDeepObject()) {
            return List.of("query parameter '" + name + "' is not declared ('" + base.name() + "' is not a deepObject)");
        }
        return checkDeepObjectKey(base, name, deep.group(2), values);
    }

    private List<String> checkDeepObjectKey(Parameter base, String name, String brackets, List<String> values) {
        SchemaNode current = base.schema();
        StringBuilder walked = new StringBuilder(base.name());
        Matcher segment = SEGMENT.matcher(brackets);
        while (segment.find()) {
            String property = segment.group(1);
            if (!current.declaresProperties() && !current.types().isEmpty()) {
                return List.of("query parameter '" + name + "' is not declared ('" + walked + "' is not an object)");
            }
            SchemaNode parent = current;
            Optional<SchemaNode> next = parent.property(property).or(() -> parent.undeclaredProperty(property));
            if (next.isEmpty()) {
                return List.of("query parameter '" + name + "' is not declared ('" + walked + "' has no property '"
                        + property + "')");
            }
            current = next.get();
            walked.append('[').append(property).append(']');
        }
        return checkValue("query " + name, current, values);
    }

    private List<String> checkValue(String label, SchemaNode schema, List<String> values) {
        if (!schema.node().isObject()) {
            return List.of();
        }
        JsonNode value = QueryValues.coerce(values, schema);
        String shown = label + "=" + String.join("&", values);
        return schemas.validate(DirectionalView.REQUEST, schema.pointer(), value).stream()
                .map(message -> shown + ": " + relative(message))
                .toList();
    }

    /** networknt prefixes "$: " for the value itself; keep the location only when it points inside the value. */
    private static String relative(String message) {
        return message.startsWith("$: ") ? message.substring(3) : message;
    }

    private static boolean isPresent(Parameter parameter, Map<String, List<String>> query) {
        return query.containsKey(parameter.name())
                || parameter.isDeepObject() && query.keySet().stream().anyMatch(key -> key.startsWith(parameter.name() + "["));
    }
}
