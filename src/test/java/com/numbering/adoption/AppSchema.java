package com.numbering.adoption;

import java.sql.Types;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;

import com.numbering.TestDatabases;

/**
 * An application's database as it is before this service ever saw it: its own {@code tenants} table (and whatever
 * goes with it), its rows, and a fingerprint of its own columns to prove later that nothing of it was rewritten.
 *
 * @param ddl the application's schema, and for a mapped shape the {@code numbering_tenants} view ops define
 * @param columns the application's own columns of {@code tenants}
 * @param tenants name → the application's INSERT for that tenant (phone 415…, toll-free with a state, none, inactive)
 * @param otherTables the application's other tables, which must not change at all
 */
record AppSchema(String ddl, List<String> columns, Map<String, String> tenants, List<String> otherTables) {

    static final String LOCAL = "Golden Gate Plumbing";

    static final String TOLL_FREE = "Tax Help";

    static final String BARE = "Bare Co";

    static final String CLOSED = "Closed Cafe";

    /** The usual shape: phone, state and active under the names the service expects by default. */
    static AppSchema keyedBy(String keyColumn, String... ids) {
        return new AppSchema("""
                CREATE TABLE tenants (%s, name TEXT NOT NULL UNIQUE, phone TEXT, state TEXT,
                                      active BOOLEAN NOT NULL DEFAULT TRUE, plan TEXT NOT NULL DEFAULT 'basic');
                """.formatted(keyColumn), List.of("id", "name", "phone", "state", "active", "plan"), Map.of(
                LOCAL, insert(ids[0], "'" + LOCAL + "', '(415) 555-2671', 'CA', TRUE, 'gold'"),
                TOLL_FREE, insert(ids[1], "'" + TOLL_FREE + "', '1-800-555-0100', 'CA', TRUE, 'basic'"),
                BARE, insert(ids[2], "'" + BARE + "', NULL, NULL, TRUE, 'basic'"),
                CLOSED, insert(ids[3], "'" + CLOSED + "', '(617) 555-3142', 'MA', FALSE, 'basic'")), List.of());
    }

    /**
     * Phone and "active" under other names ({@code phone_number}, {@code status = 'live'}), the state in an
     * {@code addresses} table, a UUID key, and the {@code numbering_tenants} view ops define as docs/adoption.md says.
     */
    static AppSchema mapped() {
        return new AppSchema("""
                CREATE TABLE tenants (id UUID PRIMARY KEY DEFAULT gen_random_uuid(), name TEXT NOT NULL UNIQUE,
                                      phone_number TEXT, status TEXT NOT NULL DEFAULT 'live');
                CREATE TABLE addresses (tenant_id UUID PRIMARY KEY REFERENCES tenants (id), street TEXT,
                                        region TEXT NOT NULL);
                CREATE VIEW numbering_tenants AS
                    SELECT t.id, t.phone_number AS phone, a.region AS state, t.status = 'live' AS active
                    FROM tenants t LEFT JOIN addresses a ON a.tenant_id = t.id;
                """, List.of("id", "name", "phone_number", "status"), Map.of(
                LOCAL, withAddress(LOCAL, "'(415) 555-2671'", "live", "CA"),
                TOLL_FREE, withAddress(TOLL_FREE, "'1-800-555-0100'", "live", "CA"),
                BARE, "INSERT INTO tenants (name) VALUES ('" + BARE + "')",
                CLOSED, withAddress(CLOSED, "'(617) 555-3142'", "churned", "MA")), List.of("addresses"));
    }

    private static String withAddress(String name, String phone, String status, String region) {
        return "WITH t AS (INSERT INTO tenants (name, phone_number, status) VALUES ('%s', %s, '%s') RETURNING id) "
            .formatted(name, phone, status)
                + "INSERT INTO addresses (tenant_id, street, region) SELECT id, '1 Main St', '" + region + "' FROM t";
    }

    private static String insert(String id, String values) {
        return id == null ? "INSERT INTO tenants (name, phone, state, active, plan) VALUES (" + values + ")"
                : "INSERT INTO tenants (id, name, phone, state, active, plan) VALUES (" + id + ", " + values + ")";
    }

    /** A new database holding this schema and its rows; returns its JDBC URL. */
    String create() {
        try {
            String url = TestDatabases.fresh("adopted");
            JdbcTemplate jdbc = TestDatabases.jdbc(url);
            jdbc.execute(this.ddl);
            this.tenants.values().forEach(jdbc::update);
            return url;
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** md5 of the application's own columns: their definitions and every row's values, in key order. */
    String fingerprint(JdbcTemplate jdbc) {
        String columns = String.join(", ", this.columns);
        String rows = jdbc.queryForObject("SELECT md5(string_agg(row(" + columns + ")::text, E'\\n' ORDER BY id::text))"
                + " FROM tenants", String.class);
        String definitions = jdbc.queryForObject("""
                SELECT md5(string_agg(concat_ws('|', column_name, data_type, is_nullable, column_default), E'\\n'
                                      ORDER BY column_name))
                FROM information_schema.columns WHERE table_name = 'tenants' AND column_name = ANY (?)""",
                String.class, (Object) this.columns.toArray(String[]::new));
        StringBuilder others = new StringBuilder();
        for (String table : this.otherTables) {
            others.append('/').append(jdbc.queryForObject("SELECT md5(string_agg(x::text, E'\\n' ORDER BY x::text))"
                    + " FROM " + table + " x", String.class));
        }
        return rows + "/" + definitions + others;
    }

    static String id(JdbcTemplate jdbc, String name) {
        return jdbc.queryForObject("SELECT id::text FROM tenants WHERE name = ?", String.class, name);
    }

    static SqlParameterValue key(String id) {
        return new SqlParameterValue(Types.OTHER, id);
    }

}
