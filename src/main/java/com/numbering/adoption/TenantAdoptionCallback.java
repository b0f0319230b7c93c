package com.numbering.adoption;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Runs inside Flyway, before it validates (and so before it creates its history table) and before it migrates: the
 * application's tenants table is inspected and refused when it cannot be adopted, the tenant mapping is checked, and
 * only then are the tables holding tenant ids created with the key's type ({@link KeyTypedTables}).
 */
public final class TenantAdoptionCallback implements Callback {

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        try {
            Optional<TenantKey> key = TenantTableInspection.inspect(connection);
            if (key.isEmpty()) {
                return; // a new database: V2 creates tenants with a bigint key
            }
            TenantMapping.check(connection, key.get(), false);
            if (event == Event.BEFORE_MIGRATE) {
                KeyTypedTables.prepare(connection, key.get());
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not inspect the tenants table: " + ex.getMessage(), ex);
        }
    }

    @Override
    public String getCallbackName() {
        return "numbering-tenant-adoption";
    }

}
