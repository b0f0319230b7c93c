package com.numbering.metrics;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * One job's part of what its run pushes to the Pushgateway when it ends. Each job module declares its own bean; the
 * launcher pushes the meters every job shares ({@code numbering_job_}, {@code numbering_telnyx_},
 * {@code spring_batch_}) plus those whose Prometheus names start with one of {@link #meterPrefixes()}.
 */
public interface JobFigures {

    /** The job whose runs push these figures. */
    String jobName();

    /** Prometheus name prefixes of the meters this job owns ({@code numbering_provisioning_}). */
    List<String> meterPrefixes();

    /** Before the run: counters at zero, so that their series exist from the first run (and carry HELP). */
    default void beforeRun(MeterRegistry meters) {
    }

    /**
     * After a run that held the lock: the states this job owns, read from PostgreSQL, so that a gauge says how
     * things are rather than what one run happened to see. Labels carry statuses and kinds, never a number or id.
     *
     * @param executionId the run's job execution, null if the run never started one
     */
    default void afterRun(StateGauges gauges, Long executionId) {
    }

}
