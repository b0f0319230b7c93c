package com.numbering.adoption;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.numbering.config.InvalidConfigurationException;

/**
 * The view {@code numbering_tenants} tells the service where a tenant's id, phone, state and "active" live: by
 * default the columns of {@code tenants} (migration V7), redefined by ops when the application keeps them under other
 * names or in other tables. Checked before migrations run and again before every job, so that a bad mapping stops the
 * process with a message instead of failing every tenant with "phone: missing".
 */
final class TenantMapping {

    static final String VIEW = "numbering_tenants";

    private static final String VIEW_COLUMNS = """
            SELECT a.attname, t.typname, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = to_regclass('numbering_tenants') AND a.attnum > 0 AND NOT a.attisdropped
            """;

    private static final String TENANTS_COLUMN = """
            SELECT t.typname, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = to_regclass('tenants') AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped
            """;

    private static final String EXISTS = "SELECT to_regclass('numbering_tenants') IS NOT NULL";

    private static final String V2_APPLIED = """
            SELECT EXISTS (SELECT 1 FROM numbering_schema_history WHERE version = '2' AND success)
            """;

    private static final String DUPLICATE = """
            SELECT id::text FROM numbering_tenants GROUP BY id HAVING count(*) > 1 LIMIT 1
            """;

    private static final List<String> REQUIRED = List.of("id", "phone", "state", "active");

    private static final String EXAMPLE = "CREATE OR REPLACE VIEW numbering_tenants AS SELECT id, phone_number AS "
            + "phone, region AS state, status = 'live' AS active FROM tenants";

    private TenantMapping() {
    }

    /**
     * @param viewRequired whether a missing view is an error (after migrations: V7 created it) or the default to come
     */
    static void check(Connection connection, TenantKey key, boolean viewRequired) throws SQLException {
        if (!v2Applied(connection)) {
            activeMustBeBoolean(connection);
        }
        if (!"t".equals(TenantTableInspection.query(connection, EXISTS, 1).get(0)[0])) {
            if (viewRequired) {
                throw wrong("view numbering_tenants does not exist. Recreate it: the default is CREATE VIEW "
                        + "numbering_tenants AS SELECT id, phone, state, active FROM tenants");
            }
            return;
        }
        Map<String, String[]> columns = new LinkedHashMap<>();
        for (String[] row : TenantTableInspection.query(connection, VIEW_COLUMNS, 3)) {
            columns.put(row[0], row);
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw wrong("view numbering_tenants has no column " + required + " (it has " + columns.keySet()
                        + "); it must return id, phone, state and active, e.g. " + EXAMPLE);
            }
        }
        if (!"bool".equals(columns.get("active")[1])) {
            throw wrong("numbering_tenants.active is " + columns.get("active")[2] + ", not boolean: map it with a "
                    + "condition, e.g. status = 'live' AS active, or deleted_at IS NULL AS active");
        }
        if (!key.sqlType().equals(columns.get("id")[2])) {
            throw wrong("numbering_tenants.id is " + columns.get("id")[2] + " but tenants.id is " + key.sqlType()
                    + ": select tenants.id itself as id");
        }
        List<String[]> duplicate = TenantTableInspection.query(connection, DUPLICATE, 1);
        if (!duplicate.isEmpty()) {
            throw wrong("view numbering_tenants returns tenant " + duplicate.get(0)[0] + " more than once: join "
                    + "at most one row (one address) per tenant");
        }
    }

    /** Migration V2 indexes tenants with WHERE active: an existing active column must be a boolean. */
    private static void activeMustBeBoolean(Connection connection) throws SQLException {
        List<String[]> active = TenantTableInspection.query(connection, TENANTS_COLUMN, 2, "active");
        if (!active.isEmpty() && !"bool".equals(active.get(0)[0])) {
            throw TenantTableInspection.refuse("tenants.active is " + active.get(0)[1] + ", not boolean: this "
                    + "service's migration V2 indexes tenants WHERE active. Rename or convert that column first.");
        }
    }

    private static boolean v2Applied(Connection connection) throws SQLException {
        if (TenantTableInspection.query(connection, "SELECT to_regclass('numbering_schema_history')", 1)
            .get(0)[0] == null) {
            return false;
        }
        return "t".equals(TenantTableInspection.query(connection, V2_APPLIED, 1).get(0)[0]);
    }

    private static InvalidConfigurationException wrong(String why) {
        return new InvalidConfigurationException("Tenant mapping: " + why + ". See README \"Adopting an existing "
                + "database\"; nothing was done.");
    }

}
