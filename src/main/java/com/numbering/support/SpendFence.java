package com.numbering.support;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Proves, right before a call that spends money or sends a message (an order, a send, a release), that this process
 * still holds its job's lock. The lock is the launcher's session-level advisory lock ({@code launch.JobLock}): a lost
 * session (failover, idle timeout, {@code pg_terminate_backend}) frees it, and another pod may then run the same job;
 * from that moment this process's next spend is refused and its run stops.
 * <p>
 * Only a run launched by the launcher ({@code launch.JobLaunchService}) holds a lock; code driven directly (tests,
 * benchmarks, tools that call a job's parts without a launch) has none to prove and is not fenced.
 */
@Component
public class SpendFence {

    private static final String HELD = """
            SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = ?
                           AND classid = hashtext('numbering-job')::oid AND objid = hashtext(?)::oid
                           AND objsubid = 2)
            """;

    private final JdbcTemplate jdbc;

    private final AtomicReference<Held> held = new AtomicReference<>();

    SpendFence(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The launcher's, once it holds {@code jobName}'s lock on the database session {@code sessionPid}. */
    public void holding(String jobName, int sessionPid) {
        this.held.set(new Held(jobName, sessionPid));
    }

    /** The launcher's, when its run has ended and the lock is released. */
    public void released() {
        this.held.set(null);
    }

    /**
     * Whether this run was launched under its job's lock: the proof that no other process runs the job, which
     * recovering what another run left behind needs. Whether the lock is still held is {@link #check}'s question.
     */
    public boolean holdsLock() {
        return this.held.get() != null;
    }

    /**
     * @param what the call about to be made, for the message ({@code POST /number_orders})
     * @throws LockLostException when the job's lock is no longer this process's: nothing may be spent
     */
    public void check(String what) {
        Held lock = this.held.get();
        if (lock == null) {
            return;
        }
        Boolean stillHeld = this.jdbc.queryForObject(HELD, Boolean.class, lock.sessionPid(), lock.jobName());
        if (!Boolean.TRUE.equals(stillHeld)) {
            throw new LockLostException(lock.jobName() + " lost its lock (its database session " + lock.sessionPid()
                    + " ended); another process may run the job now. Refusing " + what + "; this run stops, the next "
                    + "run resumes from the tables.");
        }
    }

    private record Held(String jobName, int sessionPid) {
    }

    /** The job's lock is gone: nothing more may be spent by this run. */
    public static final class LockLostException extends IllegalStateException {

        LockLostException(String message) {
            super(message);
        }

    }

}
