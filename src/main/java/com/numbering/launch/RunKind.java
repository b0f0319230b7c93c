package com.numbering.launch;

import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * Which of a job's Pushgateway groups a run reports to (label {@code run_kind}), so that an ops rerun with
 * parameters or a dry run never replaces the figures of the scheduled runs that dashboards and alerts read.
 */
enum RunKind {

    /** No parameter: what the CronJob launches (a restart of a failed scheduled run is one too). */
    SCHEDULED,
    /** {@code dryRun=true}: nothing is changed. */
    DRYRUN,
    /** Any other parameter, e.g. {@code tenantId=…}. */
    ADHOC;

    static RunKind of(JobParameters parameters) {
        if (parameters.isEmpty()) {
            return SCHEDULED;
        }
        JobParameter<?> dryRun = parameters.getParameter("dryRun");
        return dryRun != null && "true".equalsIgnoreCase(String.valueOf(dryRun.value())) ? DRYRUN : ADHOC;
    }

    String label() {
        return name().toLowerCase();
    }

}
