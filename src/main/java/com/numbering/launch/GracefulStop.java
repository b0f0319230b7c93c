package com.numbering.launch;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.SmartLifecycle;

/**
 * SIGTERM (node drain, {@code activeDeadlineSeconds}, {@code kubectl delete}) stops the running job through Spring
 * Batch instead of killing it: Boot's shutdown hook closes the context, whose first lifecycle to stop is this one;
 * it asks {@link JobOperator#stop} to stop the execution (steps end at their next chunk boundary, the unit of work
 * in hand is finished, crash-safe as ever), waits for the launch to end {@code STOPPED}, and ends the process with
 * the launch's exit code ({@link ExitCodes#STOPPED}) — a JVM ended by a signal would otherwise exit 143 whatever it
 * did. If the run does not end within {@code numbering.launch.stop-timeout}, the JVM goes down as before and the next
 * launch recovers the execution. A signal that comes after the job ended, while the launch still records it, only
 * waits for the launch: the process exits with the run's own code.
 */
final class GracefulStop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final JobOperator jobOperator;

    private final Duration timeout;

    private final AtomicReference<Launch> launch = new AtomicReference<>();

    private volatile boolean started;

    GracefulStop(JobOperator jobOperator, Duration timeout) {
        this.jobOperator = jobOperator;
        this.timeout = timeout;
    }

    /** One launch under way: its execution once the job has begun, its exit code once the launch has ended. */
    private static final class Launch {

        private final AtomicReference<JobExecution> execution = new AtomicReference<>();

        private final CountDownLatch ended = new CountDownLatch(1);

        private volatile int exitCode = ExitCodes.STOPPED;

    }

    /** The launcher's, before it starts or restarts a job: only a launch's execution is stopped by SIGTERM. */
    void launching() {
        this.launch.set(new Launch());
    }

    /** Every job's, as it begins; a job run outside a launch (a benchmark driving it directly) is not tracked. */
    void began(JobExecution execution) {
        Launch current = this.launch.get();
        if (current != null) {
            current.execution.set(execution);
        }
    }

    void ended(int exitCode) {
        Launch current = this.launch.getAndSet(null);
        if (current != null) {
            current.exitCode = exitCode;
            current.ended.countDown();
        }
    }

    @Override
    public void stop() {
        this.started = false;
        Launch current = this.launch.get();
        JobExecution execution = current == null ? null : current.execution.get();
        if (execution == null) {
            return;
        }
        String job = execution.getJobInstance().getJobName();
        try {
            if (execution.isRunning()) {
                log.warn("{} execution {}: stop requested (SIGTERM); ending at the next chunk boundary", job,
                        execution.getId());
                this.jobOperator.stop(execution);
            }
            else {
                // The job is over and the launch is still recording it (its figures to the Pushgateway): a signal now
                // must not turn a finished run into exit 143, which the CronJob counts as a failure.
                log.warn("{} execution {}: SIGTERM after the job ended {}; waiting for the launch to finish", job,
                        execution.getId(), execution.getStatus());
            }
            if (current.ended.await(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                // Outside a signal the JVM would exit with the launch's code; in one it exits 143 unless told.
                Runtime.getRuntime().halt(current.exitCode);
            }
            log.error("{} execution {} did not stop within {}; the next launch recovers it", job, execution.getId(),
                    this.timeout);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            log.warn("{}: could not stop execution {}: {}", job, execution.getId(), ex.getMessage());
        }
    }

    @Override
    public void start() {
        this.started = true;
    }

    @Override
    public boolean isRunning() {
        return this.started;
    }

    /** Stopped first, before the data source and everything a running job still needs. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

}
