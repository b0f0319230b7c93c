package com.numbering.operations;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's configuration table names every {@code numbering.*} property the application binds, as the configuration
 * processor lists them ({@code META-INF/spring-configuration-metadata.json}, built from the {@code *Properties}
 * records): a setting added to a record without a row fails the build. The table names a property as its
 * environment variable ({@code NUMBERING_ALERTS_WORKERS}, or {@code _CLAIM_SIZE} after another of the same row), as
 * the variable application.yml reads it from ({@code TELNYX_API_KEY}), or as the property itself.
 */
class ConfigurationTableTests {

    private static final Path README = Path.of("README.md");

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*):");

    @Test
    void readmesConfigurationTableNamesEveryNumberingProperty() throws Exception {
        // given every property the application binds, with the variables application.yml reads it from
        Map<String, String> properties = numberingProperties();
        Map<String, String> aliases = placeholders();
        assertThat(properties).as("the configuration processor's metadata").containsKeys(
                "numbering.telnyx.api-key", "numbering.alerts.run-budget", "numbering.launch.stop-timeout");

        // when the table is read
        Set<String> documented = documentedNames(configurationTable());

        // then each is in it
        Map<String, String> missing = new TreeMap<>();
        properties.forEach((name, description) -> {
            String alias = aliases.getOrDefault(name, "");
            if (!documented.contains(environmentVariable(name)) && !documented.contains(alias)) {
                missing.put(environmentVariable(name), description);
            }
        });
        assertThat(missing).as("properties missing from README's configuration table (add a row: variable, default, "
                + "meaning)").isEmpty();
    }

    @Test
    void aShorthandVariableExtendsThePrefixOfTheFirstOneInItsRow() {
        Set<String> documented = documentedNames(List.of(
                "| `NUMBERING_ALERTS_DELIVERY_CHECK_DELAY`, `_RECHECK_INTERVAL` | `2m`, `10m` | … |",
                "| `numbering.launch.stop-timeout` | `50s` | … |"));

        assertThat(documented).contains("NUMBERING_ALERTS_DELIVERY_CHECK_DELAY",
                "NUMBERING_ALERTS_DELIVERY_RECHECK_INTERVAL", "NUMBERING_LAUNCH_STOP_TIMEOUT")
            .doesNotContain("NUMBERING_ALERTS_WORKERS");
    }

    /** Name to description, from every metadata file on the class path (only this application's say numbering.*). */
    private static Map<String, String> numberingProperties() throws Exception {
        Map<String, String> properties = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (URL url : Collections.list(ConfigurationTableTests.class.getClassLoader()
            .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    String name = property.path("name").asText();
                    if (name.startsWith("numbering.")) {
                        properties.put(name, property.path("description").asText(""));
                    }
                }
            }
        }
        return properties;
    }

    /** Property to the environment variable application.yml reads it from ({@code api-key: ${TELNYX_API_KEY:}}). */
    private static Map<String, String> placeholders() throws Exception {
        Map<String, String> aliases = new LinkedHashMap<>();
        try (InputStream in = ConfigurationTableTests.class.getResourceAsStream("/application.yml")) {
            flatten("", new Yaml().load(in), aliases);
        }
        return aliases;
    }

    private static void flatten(String prefix, Object node, Map<String, String> aliases) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, value,
                    aliases));
            return;
        }
        Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(node));
        if (placeholder.find()) {
            aliases.put(prefix, placeholder.group(1));
        }
    }

    private static List<String> configurationTable() throws Exception {
        List<String> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(README)) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Configuration");
            }
            else if (inSection && line.startsWith("|")) {
                rows.add(line);
            }
        }
        assertThat(rows).as("README's configuration table").hasSizeGreaterThan(10);
        return rows;
    }

    /** The names in each row's first cell, shorthands ({@code _READ_TIMEOUT}) expanded, properties as variables. */
    private static Set<String> documentedNames(List<String> rows) {
        Set<String> names = new TreeSet<>();
        for (String row : rows) {
            String[] cells = row.split("\\|");
            if (cells.length < 2) {
                continue;
            }
            String first = null;
            Matcher code = CODE.matcher(cells[1]);
            while (code.find()) {
                String name = code.group(1).trim();
                if (name.startsWith("numbering.")) {
                    names.add(environmentVariable(name));
                }
                else if (name.startsWith("_") && first != null) {
                    for (int cut = first.indexOf('_'); cut > 0; cut = first.indexOf('_', cut + 1)) {
                        names.add(first.substring(0, cut) + name);
                    }
                }
                else {
                    first = name;
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** Spring Boot's relaxed binding: {@code numbering.alerts.run-budget} is {@code NUMBERING_ALERTS_RUN_BUDGET}. */
    private static String environmentVariable(String property) {
        return property.toUpperCase().replace('.', '_').replace('-', '_');
    }

}
