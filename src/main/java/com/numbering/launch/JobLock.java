package com.numbering.launch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A per-job lock: a PostgreSQL session-level advisory lock held on a dedicated connection for the whole run.
 * PostgreSQL releases it when the session ends, so a killed pod never leaves it behind, and holding it proves that
 * no other live process runs the same job.
 */
final class JobLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobLock.class);

    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtext('numbering-job'), hashtext(?))";

    private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext('numbering-job'), hashtext(?))";

    private final Connection connection;

    private final String jobName;

    private final int sessionPid;

    private JobLock(Connection connection, String jobName, int sessionPid) {
        this.connection = connection;
        this.jobName = jobName;
        this.sessionPid = sessionPid;
    }

    String jobName() {
        return this.jobName;
    }

    /** The database session holding the lock ({@code pg_backend_pid()}): the lock lives as long as it does. */
    int sessionPid() {
        return this.sessionPid;
    }

    /** The lock, or empty when another process holds it. */
    static Optional<JobLock> tryAcquire(DataSource dataSource, String jobName) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(TRY_LOCK)) {
                statement.setString(1, jobName);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Optional.of(new JobLock(connection, jobName, sessionPid(connection)));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        }
        catch (SQLException ex) {
            closeQuietly(connection);
            throw new IllegalStateException("Could not take the lock for " + jobName + ": " + ex.getMessage(), ex);
        }
    }

    private static int sessionPid(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    public void close() {
        try (PreparedStatement statement = this.connection.prepareStatement(UNLOCK)) {
            statement.setString(1, this.jobName);
            statement.execute();
        }
        catch (SQLException ex) {
            // A pooled connection outlives close(): abort it so that the session, and the lock with it, ends.
            log.warn("Could not release the lock of {} explicitly, dropping its connection: {}", this.jobName,
                    ex.getMessage());
            abortQuietly(this.connection);
        }
        finally {
            closeQuietly(this.connection);
        }
    }

    private static void abortQuietly(Connection connection) {
        try {
            connection.abort(Runnable::run);
        }
        catch (SQLException ex) {
            log.debug("Aborting the lock connection failed", ex);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        }
        catch (SQLException ex) {
            log.debug("Closing the lock connection failed", ex);
        }
    }

}
