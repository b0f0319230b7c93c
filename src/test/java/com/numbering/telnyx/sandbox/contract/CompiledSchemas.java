package com.numbering.telnyx.sandbox.contract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;

/**
 * networknt schemas compiled at pointers of the spec document, one document per {@link DirectionalView}. Each view is
 * handed to networknt as one in-memory document, so {@code $ref: '#/components/...'} resolves inside it and nothing is
 * ever fetched (any attempt to load an external schema fails instead).
 */
final class CompiledSchemas {

    private static final String DIALECT = "https://numbering.invalid/telnyx/openapi-3.1-dialect";

    private final Map<DirectionalView, JsonSchema> documents = new EnumMap<>(DirectionalView.class);
    private final Map<DirectionalView, Map<Pointer, JsonSchema>> compiled = new EnumMap<>(DirectionalView.class);

    CompiledSchemas(Map<DirectionalView, JsonNode> views) {
        JsonSchemaFactory factory = factory();
        SchemaValidatorsConfig config = config();
        views.forEach((view, document) -> {
            SchemaLocation location = SchemaLocation.of("https://numbering.invalid/telnyx/" + view.name().toLowerCase(Locale.ROOT));
            documents.put(view, factory.getSchema(location, document, config));
            compiled.put(view, new ConcurrentHashMap<>());
        });
    }

    /** Violations of the value against the schema at {@code pointer}, as "location: message", sorted. */
    List<String> validate(DirectionalView view, Pointer pointer, JsonNode value) {
        List<String> messages = new ArrayList<>();
        for (ValidationMessage message : schema(view, pointer).validate(value)) {
            messages.add(message.getMessage());
        }
        messages.sort(Comparator.naturalOrder());
        return messages;
    }

    private JsonSchema schema(DirectionalView view, Pointer pointer) {
        return compiled.get(view).computeIfAbsent(pointer, at -> compile(view, at));
    }

    // networknt builds sub-schemas through a shared validation context; compile one at a time, validate in parallel
    private synchronized JsonSchema compile(DirectionalView view, Pointer pointer) {
        JsonSchema schema = documents.get(view).getSubSchema(pointer.toNodePath());
        schema.initializeValidators();
        return schema;
    }

    private static JsonSchemaFactory factory() {
        // OpenAPI keywords (example, discriminator, x-*, ...) are annotations; the stock factory logs a warning for each
        JsonMetaSchema dialect = JsonMetaSchema.builder(DIALECT, JsonMetaSchema.getV202012())
                .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
                .build();
        return JsonSchemaFactory.builder()
                .defaultMetaSchemaIri(DIALECT)
                .metaSchema(dialect)
                .schemaLoaders(loaders -> loaders.add(DisallowSchemaLoader.getInstance()))
                .build();
    }

    private static SchemaValidatorsConfig config() {
        return SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(false)
                .readOnly(false)
                .writeOnly(false)
                .typeLoose(false)
                .pathType(PathType.JSON_PATH)
                .locale(Locale.ROOT)
                .build();
    }
}
