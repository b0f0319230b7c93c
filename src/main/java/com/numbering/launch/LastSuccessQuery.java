package com.numbering.launch;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;

/** When a job last completed, read from the job repository, so that a failed run cannot move it. */
final class LastSuccessQuery {

    private static final String LAST_SUCCESS = """
            SELECT max(e.end_time) FROM batch_job_execution e
            JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
            WHERE i.job_name = ? AND e.status = 'COMPLETED'
            """;

    private static final String LAST_SCHEDULED_SUCCESS = LAST_SUCCESS + """
              AND NOT EXISTS (SELECT 1 FROM batch_job_execution_params p
                              WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name <> ?)
            """;

    private final JdbcTemplate jdbc;

    LastSuccessQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * When this job last COMPLETED, among scheduled runs (no parameter but run.at) or among all runs; null if never.
     */
    Instant lastSuccess(String jobName, boolean scheduledOnly) {
        Timestamp last = scheduledOnly
                ? this.jdbc.queryForObject(LAST_SCHEDULED_SUCCESS, Timestamp.class, jobName, JobLaunchService.RUN_AT)
                : this.jdbc.queryForObject(LAST_SUCCESS, Timestamp.class, jobName);
        return last == null ? null : last.toInstant();
    }

}
