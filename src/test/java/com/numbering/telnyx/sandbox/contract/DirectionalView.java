package com.numbering.telnyx.sandbox.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAPI lets one schema serve requests and responses: a {@code readOnly} property that is {@code required} is
 * required in responses only, and a {@code writeOnly} one in requests only. JSON Schema knows nothing of that, so each
 * direction validates against its own copy of the document with the other direction's markers taken out of
 * {@code required}.
 */
enum DirectionalView {

    REQUEST("readOnly"),
    RESPONSE("writeOnly");

    private final String exemptMarker;

    DirectionalView(String exemptMarker) {
        this.exemptMarker = exemptMarker;
    }

    /** A deep copy of the spec, with the exempt properties dropped from every {@code required}; lists what it dropped. */
    ObjectNode of(JsonNode spec, List<String> dropped) {
        ObjectNode copy = spec.deepCopy();
        relax(copy, copy, Pointer.ROOT, dropped);
        return copy;
    }

    private void relax(JsonNode node, JsonNode root, Pointer at, List<String> dropped) {
        if (node.isObject()) {
            if (node.path("required").isArray() && node.path("properties").isObject()) {
                dropExempt((ObjectNode) node, root, at, dropped);
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                // examples are data, not schemas: an example could hold a "required" key of its own
                if (!"example".equals(field.getKey()) && !"examples".equals(field.getKey())) {
                    relax(field.getValue(), root, at.child(field.getKey()), dropped);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                relax(node.get(i), root, at.child(i), dropped);
            }
        }
    }

    private void dropExempt(ObjectNode schema, JsonNode root, Pointer at, List<String> dropped) {
        ArrayNode kept = schema.arrayNode();
        for (JsonNode name : schema.get("required")) {
            if (isExempt(schema.path("properties").path(name.asText()), root)) {
                dropped.add(at + " required " + name.asText());
            } else {
                kept.add(name);
            }
        }
        schema.set("required", kept);
    }

    private boolean isExempt(JsonNode property, JsonNode root) {
        List<JsonNode> seen = new ArrayList<>();
        JsonNode current = property;
        while (current.isObject() && !seen.contains(current) && seen.size() < 32) {
            if (current.path(exemptMarker).asBoolean(false)) {
                return true;
            }
            seen.add(current);
            JsonNode ref = current.path("$ref");
            current = ref.isTextual() ? Pointer.parseLocalRef(ref.textValue(), root).resolve(root) : null;
            if (current == null) {
                return false;
            }
        }
        return false;
    }
}
