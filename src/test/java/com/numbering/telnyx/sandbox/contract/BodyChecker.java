package com.numbering.telnyx.sandbox.contract;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Request and response bodies against the {@code application/json} schema the operation declares for them. */
final class BodyChecker {

    // duplicate keys and trailing garbage are invalid JSON that a lenient parser would quietly accept
    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final CompiledSchemas schemas;

    BodyChecker(CompiledSchemas schemas) {
        this.schemas = schemas;
    }

    List<String> checkRequest(Operation operation, String body) {
        Optional<Pointer> declared = operation.requestBody();
        boolean sent = body != null && !body.isBlank();
        if (declared.isEmpty()) {
            return sent ? List.of("request body sent but the operation declares none") : List.of();
        }
        if (!sent) {
            boolean required = declared.get().resolve(operation.root()).path("required").asBoolean(false);
            return required ? List.of("request body is required but missing") : List.of();
        }
        return check(operation, declared.get(), body, DirectionalView.REQUEST, "request body");
    }

    List<String> checkResponse(Operation operation, Pointer response, String body) {
        boolean sent = body != null && !body.isBlank();
        if (!operation.declaresContent(response)) {
            return sent ? List.of("response body sent but the status declares no content") : List.of();
        }
        if (!sent) {
            return List.of("response body missing but the status declares content");
        }
        return check(operation, response, body, DirectionalView.RESPONSE, "response body");
    }

    private List<String> check(Operation operation, Pointer owner, String body, DirectionalView view, String label) {
        Optional<Pointer> media = operation.jsonContent(owner);
        if (media.isEmpty() || !media.get().child("schema").resolve(operation.root()).isObject()) {
            return List.of(); // only JSON bodies with a schema can be checked here
        }
        JsonNode json;
        try {
            json = STRICT_JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(label + " is not valid JSON: " + e.getOriginalMessage());
        }
        return schemas.validate(view, media.get().child("schema"), json).stream()
                .map(message -> label + " " + message)
                .toList();
    }
}
