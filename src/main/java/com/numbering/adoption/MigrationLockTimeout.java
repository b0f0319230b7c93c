package com.numbering.adoption;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * A migration gives up instead of blocking the application. {@code ALTER TABLE} on the application's {@code tenants}
 * needs an exclusive lock: queued behind one long transaction, it would hold every write the application makes to
 * that table behind it for as long as that transaction lasts. Before each migration this sets
 * {@code SET LOCAL lock_timeout} in the migration's own transaction, so a migration that cannot take its lock within
 * {@link #TIMEOUT} fails, rolls back, and the run exits 1 ("canceling statement due to lock timeout"); the next
 * scheduled run tries again. {@code LOCAL} ends with the transaction: the pooled connection goes back to the
 * application without it.
 * <p>
 * New constraints on the application's tables are added {@code NOT VALID} and validated in a second statement
 * ({@code VALIDATE CONSTRAINT} takes a lock that lets writes through); docs/adoption.md
 * "Migrations never block the application".
 */
public final class MigrationLockTimeout implements Callback {

    /** Long enough for ordinary short transactions to end, short enough that the application barely notices. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Duration timeout;

    public MigrationLockTimeout() {
        this(TIMEOUT);
    }

    public MigrationLockTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** Every callback the migrations run with, in the application and in tests alike. */
    public static List<Callback> allCallbacks() {
        return List.of(new TenantAdoptionCallback(), new MigrationLockTimeout());
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '" + this.timeout.toMillis() + "ms'");
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not set the migration's lock_timeout: " + ex.getMessage(), ex);
        }
    }

    @Override
    public String getCallbackName() {
        return "numbering-migration-lock-timeout";
    }

}
