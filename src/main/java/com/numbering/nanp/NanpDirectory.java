package com.numbering.nanp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * NANPA's area-code database ({@code classpath:nanp/npa_report.csv}, file date 11/26/2025, NANPA's public NPA
 * report from https://www.nationalnanpa.com). A refresh of that file is a data change, not a code change.
 */
public final class NanpDirectory {

    static final String RESOURCE = "nanp/npa_report.csv";

    private final Map<String, AreaCode> byNpa;

    private final Map<String, List<AreaCode>> geographicByRegion;

    NanpDirectory(Map<String, AreaCode> byNpa) {
        this.byNpa = Map.copyOf(byNpa);
        Map<String, List<AreaCode>> regions = new TreeMap<>();
        byNpa.values()
            .stream()
            .filter(AreaCode::geographic)
            .sorted((a, b) -> a.npa().compareTo(b.npa()))
            .forEach(code -> regions.computeIfAbsent(code.region(), r -> new ArrayList<>()).add(code));
        regions.replaceAll((region, codes) -> List.copyOf(codes));
        this.geographicByRegion = Collections.unmodifiableMap(regions);
    }

    /** Loads the directory shipped with the application. */
    public static NanpDirectory load() {
        try (InputStream in = NanpDirectory.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("NANP area-code database missing from the classpath: " + RESOURCE);
            }
            return parse(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static NanpDirectory parse(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        reader.readLine(); // "File Date,…"
        List<String> header = CsvLine.split(reader.readLine());
        int npa = header.indexOf("NPA_ID");
        int type = header.indexOf("type_of_code");
        int assigned = header.indexOf("ASSIGNED");
        int use = header.indexOf("USE");
        int location = header.indexOf("LOCATION");
        int country = header.indexOf("COUNTRY");
        int inService = header.indexOf("IN_SERVICE");
        int overlayComplex = header.indexOf("OVERLAY_COMPLEX");
        int timeZone = header.indexOf("TIME_ZONE");
        Map<String, AreaCode> codes = new HashMap<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = CsvLine.split(line);
            String id = f.get(npa);
            boolean geographic = "General Purpose Code".equals(f.get(type)) && "Yes".equals(f.get(assigned))
                    && "G".equals(f.get(use)) && "Y".equals(f.get(inService)) && !f.get(location).isEmpty();
            List<String> overlays = Arrays.stream(f.get(overlayComplex).split("/"))
                .map(String::trim)
                .filter(code -> code.matches("\\d{3}") && !code.equals(id))
                .toList();
            codes.put(id, new AreaCode(id, f.get(location), f.get(country), geographic, overlays, f.get(timeZone)));
        }
        return new NanpDirectory(codes);
    }

    public Optional<AreaCode> lookup(String npa) {
        return Optional.ofNullable(this.byNpa.get(npa));
    }

    /** Whether {@code npa} is a geographic US area code in service (the only kind a tenant's number comes from). */
    public boolean isUsGeographic(String npa) {
        return lookup(npa).filter(AreaCode::geographic).filter(AreaCode::isUnitedStates).isPresent();
    }

    /** Geographic area codes of a state or territory, ascending. */
    public List<AreaCode> geographicCodesIn(String region) {
        return this.geographicByRegion.getOrDefault(region, List.of());
    }

    /** Every geographic US area code, ascending. */
    public List<AreaCode> usGeographicCodes() {
        return this.byNpa.values()
            .stream()
            .filter(AreaCode::geographic)
            .filter(AreaCode::isUnitedStates)
            .sorted((a, b) -> a.npa().compareTo(b.npa()))
            .toList();
    }

    /** Minimal RFC 4180 field splitting: NANPA quotes the notes columns, which contain commas. */
    static final class CsvLine {

        private CsvLine() {
        }

        static List<String> split(String line) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                }
                else if (c == '"') {
                    quoted = !quoted;
                }
                else if (c == ',' && !quoted) {
                    fields.add(field.toString());
                    field.setLength(0);
                }
                else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            return fields;
        }

    }

}
