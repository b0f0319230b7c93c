package com.numbering.telnyx.sandbox.contract;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One method on one path of the spec. Request bodies and responses may be {@code $ref}s to components; they are
 * followed here so callers get the pointer of the real object.
 */
record Operation(String method, PathTemplate template, JsonNode root, Pointer pointer, List<Parameter> parameters) {

    Operation {
        parameters = List.copyOf(parameters);
    }

    String label() {
        return method.toUpperCase(Locale.ROOT) + " " + template.text();
    }

    List<Parameter> parameters(String in) {
        return parameters.stream().filter(parameter -> parameter.in().equals(in)).toList();
    }

    Optional<Pointer> requestBody() {
        return present(follow(pointer.child("requestBody")));
    }

    /** The response declared for the status: exact code first, then a range such as "4XX", then "default". */
    Optional<Pointer> response(int status) {
        Pointer responses = pointer.child("responses");
        JsonNode declared = responses.resolve(root);
        String range = status / 100 + "XX";
        for (String key : List.of(Integer.toString(status), range, range.toLowerCase(Locale.ROOT), "default")) {
            if (declared.has(key)) {
                return present(follow(responses.child(key)));
            }
        }
        return Optional.empty();
    }

    String declaredStatuses() {
        return String.join(", ", (Iterable<String>) pointer.child("responses").resolve(root)::fieldNames);
    }

    /** The JSON media type object (application/json or a +json type) under a requestBody or response. */
    Optional<Pointer> jsonContent(Pointer bodyOrResponse) {
        JsonNode content = bodyOrResponse.resolve(root).path("content");
        if (content.has("application/json")) {
            return Optional.of(bodyOrResponse.child("content").child("application/json"));
        }
        for (String mediaType : (Iterable<String>) content::fieldNames) {
            if (mediaType.toLowerCase(Locale.ROOT).matches("application/[^;]*\\+json.*")) {
                return Optional.of(bodyOrResponse.child("content").child(mediaType));
            }
        }
        return Optional.empty();
    }

    boolean declaresContent(Pointer bodyOrResponse) {
        return bodyOrResponse.resolve(root).path("content").size() > 0;
    }

    Pointer follow(Pointer at) {
        return follow(root, at);
    }

    static Pointer follow(JsonNode root, Pointer at) {
        Pointer current = at;
        for (int hops = 0; hops < 32; hops++) {
            JsonNode ref = current.resolve(root).path("$ref");
            if (!ref.isTextual()) {
                return current;
            }
            current = Pointer.parseLocalRef(ref.textValue(), root);
        }
        throw new IllegalStateException("$ref cycle at " + at);
    }

    private Optional<Pointer> present(Pointer at) {
        return at.resolve(root).isMissingNode() ? Optional.empty() : Optional.of(at);
    }
}
