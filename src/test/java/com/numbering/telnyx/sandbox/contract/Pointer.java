package com.numbering.telnyx.sandbox.contract;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.PathType;

/**
 * A JSON pointer into the spec document whose tokens keep their kind (object key or array index). networknt's own
 * pointer parser turns every all-digit token into an array index, which breaks keys such as the response code
 * {@code '200'}; building the path ourselves avoids that.
 */
record Pointer(List<Object> tokens) {

    static final Pointer ROOT = new Pointer(List.of());

    Pointer {
        tokens = List.copyOf(tokens);
    }

    Pointer child(String key) {
        return with(key);
    }

    Pointer child(int index) {
        return with(index);
    }

    private Pointer with(Object token) {
        List<Object> next = new ArrayList<>(tokens);
        next.add(token);
        return new Pointer(next);
    }

    JsonNode resolve(JsonNode root) {
        JsonNode node = root;
        for (Object token : tokens) {
            node = token instanceof Integer index ? node.path(index) : node.path((String) token);
        }
        return node;
    }

    /** Parses a local {@code $ref} ("#/components/schemas/X"); the document decides which tokens are indexes. */
    static Pointer parseLocalRef(String ref, JsonNode root) {
        if (!ref.startsWith("#")) {
            throw new IllegalArgumentException("Only local $refs are supported: " + ref);
        }
        String fragment = URLDecoder.decode(ref.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        if (fragment.isEmpty()) {
            return ROOT;
        }
        if (!fragment.startsWith("/")) {
            throw new IllegalArgumentException("Only JSON-pointer $refs are supported: " + ref);
        }
        Pointer pointer = ROOT;
        JsonNode node = root;
        for (String raw : fragment.substring(1).split("/", -1)) {
            String key = raw.replace("~1", "/").replace("~0", "~");
            pointer = node.isArray() ? pointer.child(Integer.parseInt(key)) : pointer.child(key);
            node = pointer.tokens.get(pointer.tokens.size() - 1) instanceof Integer i ? node.path(i) : node.path(key);
        }
        return pointer;
    }

    JsonNodePath toNodePath() {
        JsonNodePath path = new JsonNodePath(PathType.JSON_POINTER);
        for (Object token : tokens) {
            path = token instanceof Integer index ? path.append(index) : path.append((String) token);
        }
        return path;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("#");
        for (Object token : tokens) {
            text.append('/').append(token.toString().replace("~", "~0").replace("/", "~1"));
        }
        return text.toString();
    }
}
