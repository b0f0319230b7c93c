package com.numbering.telnyx.sandbox.contract;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Turns the string values of one query (or path) parameter into the JSON value the schema talks about, so that
 * networknt can check types and enums. A value that does not fit any declared type stays a string and the schema then
 * reports the mismatch, which is the point.
 */
final class QueryValues {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private QueryValues() {
    }

    /**
     * Array-typed parameters may arrive repeated ({@code a=x&a=y}) or comma separated ({@code a=x,y}); both become
     * an array. A repeated scalar also becomes an array, so the schema reports it.
     */
    static JsonNode coerce(List<String> values, SchemaNode schema) {
        Set<String> types = schema.types();
        boolean arrayOnly = types.contains("array") && !types.contains("string");
        if (values.size() > 1 || arrayOnly) {
            return array(values, schema);
        }
        return scalar(values.isEmpty() ? "" : values.get(0), types);
    }

    private static ArrayNode array(List<String> values, SchemaNode schema) {
        List<String> items = new ArrayList<>();
        boolean declaredArray = schema.types().contains("array");
        for (String value : values) {
            items.addAll(declaredArray ? List.of(value.split(",", -1)) : List.of(value));
        }
        Set<String> itemTypes = schema.items().map(SchemaNode::types).orElse(Set.of());
        ArrayNode array = JSON.arrayNode();
        items.forEach(item -> array.add(scalar(item, itemTypes)));
        return array;
    }

    static JsonNode scalar(String value, Set<String> types) {
        if (types.isEmpty() || types.contains("string")) {
            return JSON.textNode(value);
        }
        if (types.contains("integer") && INTEGER.matcher(value).matches()) {
            return JSON.numberNode(new BigInteger(value));
        }
        if (types.contains("number") && NUMBER.matcher(value).matches()) {
            return JSON.numberNode(new BigDecimal(value));
        }
        if (types.contains("boolean") && ("true".equals(value) || "false".equals(value))) {
            return JSON.booleanNode(Boolean.parseBoolean(value));
        }
        if (types.contains("null") && "null".equals(value)) {
            return JSON.nullNode();
        }
        return JSON.textNode(value);
    }
}
