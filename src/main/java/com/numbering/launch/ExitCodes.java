package com.numbering.launch;

import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindException;
import org.springframework.boot.context.properties.bind.BindException;

import com.numbering.config.InvalidConfigurationException;
import com.numbering.telnyx.TelnyxException;

/**
 * The process exit codes, which is all a Kubernetes Job sees. README "Exit codes" lists them for ops.
 */
public final class ExitCodes {

    /** The job completed, or another run of the same job holds the lock and this one had nothing to do. */
    public static final int OK = 0;

    /** Start-up failed for a reason that is not configuration (e.g. the database is unreachable). */
    public static final int STARTUP_FAILED = 1;

    /**
     * The job completed what it could, but a guardrail stopped its ordering (a per-run or per-day order ceiling, the
     * refusal circuit; docs/operations.md "Guardrails"): tenants not served wait for the next run. A failed Job, so
     * that ops look. The job says so with the exit status {@code numbers.OrderLimits.STOPPED_EXIT_STATUS}.
     */
    public static final int ORDERING_STOPPED = 4;

    /** The job ran and failed ({@code BatchStatus.FAILED}'s ordinal, as Spring Boot reports it). */
    public static final int JOB_FAILED = 5;

    /**
     * The run was stopped on request ({@code BatchStatus.STOPPED}; EX_TEMPFAIL of sysexits.h): the next launch
     * restarts it where it stopped. k8s-cronjob.yaml's {@code podFailurePolicy} handles it (and 143, a SIGTERM that
     * killed the JVM before a job ran).
     */
    public static final int STOPPED = 75;

    /** The job was marked ABANDONED: it will not be restarted, the next launch starts a new instance. */
    public static final int JOB_ABANDONED = 6;

    /**
     * The job's outcome could not be recorded ({@code BatchStatus.UNKNOWN}: typically PostgreSQL lost mid-run). No
     * restart is possible; the next launch abandons that execution and starts a new instance, which resumes the work
     * from the tables (every step is idempotent).
     */
    public static final int JOB_OUTCOME_UNKNOWN = 7;

    /** Bad configuration (EX_CONFIG of sysexits.h): nothing was done; the message says what to fix. */
    public static final int CONFIGURATION = 78;

    private ExitCodes() {
    }

    /** Every status a finished launch can report, mapped explicitly (README "Exit codes" lists them). */
    static int of(BatchStatus status) {
        return switch (status) {
            case COMPLETED -> OK;
            case FAILED -> JOB_FAILED;
            case STOPPING, STOPPED -> STOPPED;
            case ABANDONED -> JOB_ABANDONED;
            // A launch returns once the job has ended: still "running" means the end could not be recorded either.
            case STARTING, STARTED, UNKNOWN -> JOB_OUTCOME_UNKNOWN;
        };
    }

    /** The message of the configuration error behind {@code failure}, if that is what it is. */
    public static java.util.Optional<String> configurationError(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof InvalidConfigurationException) {
                return java.util.Optional.of(cause.getMessage());
            }
        }
        return java.util.Optional.empty();
    }

    /** Exit code for an exception that escaped start-up or a job. */
    public static int of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidConfigurationException || cause instanceof TelnyxException.Fatal
                    || cause instanceof ConfigurationPropertiesBindException || cause instanceof BindException) {
                return CONFIGURATION;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return STARTUP_FAILED;
    }

}
