package com.numbering.telnyx.sandbox.contract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A schema inside the spec together with where it lives, so it can later be compiled by networknt at that pointer
 * (its own {@code $ref}s then resolve against the document). The lookups here are for query parameters, which arrive
 * as flat strings and must be mapped onto the declared object structure before they can be validated.
 */
record SchemaNode(JsonNode root, Pointer pointer) {

    private static final int MAX_DEPTH = 32;
    private static final String[] BRANCHES = { "allOf", "anyOf", "oneOf" };

    JsonNode node() {
        return pointer.resolve(root);
    }

    /** The property schema for {@code name}, looking through $ref and allOf/anyOf/oneOf branches. */
    Optional<SchemaNode> property(String name) {
        return property(name, 0);
    }

    private Optional<SchemaNode> property(String name, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        JsonNode node = node();
        if (node.path("properties").has(name)) {
            return Optional.of(child("properties").child(name));
        }
        for (SchemaNode linked : linked()) {
            Optional<SchemaNode> found = linked.property(name, depth + 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Where a name that is not a declared property may still go: a matching patternProperties entry or an explicit
     * additionalProperties schema. An absent additionalProperties does not count, because the real server silently
     * ignores names it does not know, so an undeclared name is always a mistake worth reporting.
     */
    Optional<SchemaNode> undeclaredProperty(String name) {
        JsonNode patterns = node().path("patternProperties");
        for (Map.Entry<String, JsonNode> entry : patterns.properties()) {
            if (Pattern.compile(entry.getKey()).matcher(name).find()) {
                return Optional.of(child("patternProperties").child(entry.getKey()));
            }
        }
        JsonNode additional = node().path("additionalProperties");
        if (additional.isObject() || additional.isBoolean() && additional.booleanValue()) {
            return Optional.of(child("additionalProperties"));
        }
        return Optional.empty();
    }

    /** The schema of array items, looking through $ref and branches; empty when the schema says nothing. */
    Optional<SchemaNode> items() {
        return items(0);
    }

    private Optional<SchemaNode> items(int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        if (node().path("items").isObject()) {
            return Optional.of(child("items"));
        }
        for (SchemaNode linked : linked()) {
            Optional<SchemaNode> found = linked.items(depth + 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** JSON types this schema can take; empty means unconstrained. Enum/const values count as declared types. */
    Set<String> types() {
        Set<String> types = new LinkedHashSet<>();
        collectTypes(types, 0);
        return types;
    }

    private void collectTypes(Set<String> types, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        JsonNode node = node();
        JsonNode type = node.path("type");
        if (type.isTextual()) {
            types.add(type.textValue());
        }
        type.forEach(t -> types.add(t.asText()));
        node.path("enum").forEach(value -> types.add(jsonType(value)));
        if (node.has("const")) {
            types.add(jsonType(node.get("const")));
        }
        linked().forEach(linked -> linked.collectTypes(types, depth + 1));
    }

    boolean declaresProperties() {
        return types().contains("object") || hasAnyProperties(0);
    }

    private boolean hasAnyProperties(int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        return node().path("properties").isObject()
                || linked().stream().anyMatch(linked -> linked.hasAnyProperties(depth + 1));
    }

    /** The $ref target and every allOf/anyOf/oneOf branch: the schemas whose declarations also apply here. */
    private List<SchemaNode> linked() {
        JsonNode node = node();
        List<SchemaNode> linked = new ArrayList<>();
        JsonNode ref = node.path("$ref");
        if (ref.isTextual()) {
            linked.add(new SchemaNode(root, Pointer.parseLocalRef(ref.textValue(), root)));
        }
        for (String branch : BRANCHES) {
            JsonNode schemas = node.path(branch);
            for (int i = 0; i < schemas.size(); i++) {
                linked.add(child(branch).child(i));
            }
        }
        return linked;
    }

    private SchemaNode child(String key) {
        return new SchemaNode(root, pointer.child(key));
    }

    private SchemaNode child(int index) {
        return new SchemaNode(root, pointer.child(index));
    }

    private static String jsonType(JsonNode value) {
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isNull()) {
            return "null";
        }
        return value.isArray() ? "array" : value.isObject() ? "object" : "string";
    }
}
