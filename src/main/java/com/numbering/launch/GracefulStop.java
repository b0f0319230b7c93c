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
 * launch recovers the execution.
 */
final class GracefulStop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final JobOperator jobOperator;

    private final Duration timeout;

    private final AtomicReference<Running> running = new AtomicReference<>();

    private volatile boolean started;

    GracefulStop(JobOperator jobOperator, Duration timeout) {
        this.jobOperator = jobOperator;
        this.timeout = timeout;
    }

    private record Running(JobExecution execution, CountDownLatch ended, int[] exitCode) {
    }

    void began(JobExecution execution) {
        this.running.set(new Running(execution, new CountDownLatch(1), new int[] { ExitCodes.STOPPED }));
    }

    void ended(int exitCode) {
        Running run = this.running.getAndSet(null);
        if (run != null) {
            run.exitCode()[0] = exitCode;
            run.ended().countDown();
        }
    }

    @Override
    public void stop() {
        this.started = false;
        Running run = this.running.get();
        if (run == null) {
            return;
        }
        String job = run.execution().getJobInstance().getJobName();
        log.warn("{} execution {}: stop requested (SIGTERM); ending at the next chunk boundary", job,
                run.execution().getId());
        try {
            this.jobOperator.stop(run.execution());
            if (run.ended().await(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                // Outside a signal the JVM would exit with the launch's code; in one it exits 143 unless told.
                Runtime.getRuntime().halt(run.exitCode()[0]);
            }
            log.error("{} execution {} did not stop within {}; the next launch recovers it", job,
                    run.execution().getId(), this.timeout);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            log.warn("{}: could not stop execution {}: {}", job, run.execution().getId(), ex.getMessage());
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
