package com.numbering.adoption;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Migrations V4 and V5 (landed, so never edited) declare the columns that hold a tenant id as BIGINT. On a database
 * whose tenants are keyed by another type, they run here first, before Flyway reaches them, with the key's type in
 * place of BIGINT for exactly those columns; every statement in them is IF NOT EXISTS, so when Flyway then applies
 * V4 and V5 they change nothing, and {@code client_alerts.tenant_id} is a foreign key of the key's own type.
 */
final class KeyTypedTables {

    private static final Pattern TENANT_COLUMN = Pattern.compile("\\b(tenant_id|tenant_hint)(\\s+)BIGINT\\b");

    private static final String ALERTS = "db/migration/V4__create_client_alerts_and_sms_consents.sql";

    private static final String RECONCILIATION = "db/migration/V5__create_reconciliation_tables.sql";

    private KeyTypedTables() {
    }

    static void prepare(Connection connection, TenantKey key) throws SQLException {
        if ("bigint".equals(key.sqlType())) {
            return; // V4 and V5 as written
        }
        runIfAbsent(connection, "client_alerts", ALERTS, key, 1);
        runIfAbsent(connection, "reconciliation_findings", RECONCILIATION, key, 3);
    }

    private static void runIfAbsent(Connection connection, String table, String migration, TenantKey key,
            int tenantColumns) throws SQLException {
        if (TenantTableInspection.query(connection, "SELECT to_regclass(?)::text", 1, table).get(0)[0] != null) {
            return; // applied before (a database adopted while its key was an integer one)
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(withKeyType(read(migration), key, tenantColumns));
        }
    }

    static String withKeyType(String script, TenantKey key, int expected) {
        Matcher matcher = TENANT_COLUMN.matcher(script);
        StringBuilder typed = new StringBuilder();
        int replaced = 0;
        while (matcher.find()) {
            matcher.appendReplacement(typed, Matcher.quoteReplacement(matcher.group(1) + matcher.group(2)
                    + key.sqlType()));
            replaced++;
        }
        matcher.appendTail(typed);
        if (replaced != expected) {
            throw new IllegalStateException("expected " + expected + " tenant id column(s) declared BIGINT, found "
                    + replaced + ": the migration no longer reads as KeyTypedTables expects");
        }
        return typed.toString();
    }

    private static String read(String resource) {
        try (InputStream in = KeyTypedTables.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
