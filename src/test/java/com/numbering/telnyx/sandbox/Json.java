package com.numbering.telnyx.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON building blocks shared by the endpoints (Jackson 2, the same major version the Telnyx SDK uses). */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC);

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array(Collection<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }

    static ObjectNode data(JsonNode data) {
        ObjectNode body = object();
        body.set("data", data);
        return body;
    }

    /** A request body as a JSON object; an empty body counts as {@code {}}. */
    static ObjectNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            return object();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        }
        catch (JsonProcessingException ex) {
            // answered below, as the real API does for any unparseable body
        }
        throw ApiError.badRequest("The request body must be a JSON object.", null);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        }
        catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String timestamp(Instant instant) {
        return (instant != null) ? TIMESTAMP.format(instant) : null;
    }

    /** Omits the field instead of writing {@code null}, for schemas whose field is a non-nullable string. */
    static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** The text of a field, or null when it is absent or JSON null; any other non-text value is a bad request. */
    static String text(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.invalid(field, field + " must be a string.");
        }
        return value.asText();
    }

}
