package com.numbering.adoption;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.numbering.config.InvalidConfigurationException;

/**
 * What the application's {@code tenants} table is keyed by, read from PostgreSQL's catalog before any DDL runs, and
 * the refusal of what this service cannot adopt: no table but a view, no primary key, a composite key, a key not
 * named {@code id}, or a key type it cannot carry in references and foreign keys.
 */
final class TenantTableInspection {

    /** smallint, integer, bigint, uuid, text, varchar. */
    static final Set<String> SUPPORTED = Set.of("int2", "int4", "int8", "uuid", "text", "varchar");

    private static final String RELATION = "SELECT relkind FROM pg_class WHERE oid = to_regclass('tenants')";

    private static final String PRIMARY_KEY = """
            SELECT a.attname, t.typname, format_type(a.atttypid, a.atttypmod),
                   CASE WHEN t.typname = 'varchar' AND a.atttypmod > 4 THEN a.atttypmod - 4 END
            FROM pg_index i
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            JOIN pg_type t ON t.oid = a.atttypid
            WHERE i.indrelid = to_regclass('tenants') AND i.indisprimary
            ORDER BY array_position(i.indkey::int2[], a.attnum)
            """;

    private static final String HOW = " See README \"Adopting an existing database\"; nothing was changed.";

    private TenantTableInspection() {
    }

    /** The key of {@code tenants}, or empty when there is no such table yet (migration V2 creates one). */
    static Optional<TenantKey> inspect(Connection connection) throws SQLException {
        List<String[]> rows = query(connection, RELATION, 1);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String kind = rows.get(0)[0];
        if (!"r".equals(kind) && !"p".equals(kind)) {
            throw refuse("tenants is not a table (pg_class.relkind '" + kind + "'): this service adds its "
                    + "telnyx_voice_* columns to it, so it must be a table. Point the service at the schema that "
                    + "holds the tenants table (search_path).");
        }
        List<String[]> key = query(connection, PRIMARY_KEY, 4);
        if (key.isEmpty()) {
            throw refuse("table tenants has no primary key: this service refers to a tenant by its key (in "
                    + "client_alerts.tenant_id and customer references). Add one, e.g. ALTER TABLE tenants ADD "
                    + "PRIMARY KEY (id), and launch again.");
        }
        if (key.size() > 1) {
            throw refuse("table tenants has a composite primary key (" + columns(key) + "): this service needs "
                    + "a single-column key named id. Add a unique single-column id, or keep this service's tenants "
                    + "in a separate table.");
        }
        String[] column = key.get(0);
        if (!"id".equals(column[0])) {
            throw refuse("the primary key of table tenants is column " + column[0] + ": this service needs it "
                    + "to be named id.");
        }
        if (!SUPPORTED.contains(column[1])) {
            throw refuse("tenants.id is of type " + column[2] + ", which this service cannot carry: supported "
                    + "key types are smallint, integer, bigint, uuid, text and varchar.");
        }
        return Optional.of(new TenantKey(column[1], column[2], column[3] == null ? null : Integer.valueOf(column[3])));
    }

    static InvalidConfigurationException refuse(String why) {
        return new InvalidConfigurationException("Cannot adopt the tenants table: " + why + HOW);
    }

    private static String columns(List<String[]> key) {
        return String.join(", ", key.stream().map(row -> row[0]).toList());
    }

    static List<String[]> query(Connection connection, String sql, int width, String... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setString(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<String[]> rows = new ArrayList<>();
                while (rs.next()) {
                    String[] row = new String[width];
                    for (int i = 0; i < width; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

}
