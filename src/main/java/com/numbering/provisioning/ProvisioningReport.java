package com.numbering.provisioning;

import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * After each run, one line a person can read: where every active tenant stands, and how many wait for a human.
 */
final class ProvisioningReport implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningReport.class);

    private static final String STANDING = """
            SELECT CASE
                     WHEN telnyx_voice_status = 'failed' AND telnyx_voice_next_attempt_at IS NULL THEN 'failed (needs a human)'
                     WHEN telnyx_voice_status = 'failed' THEN 'failed (will retry)'
                     ELSE COALESCE(telnyx_voice_status, 'not started')
                   END AS standing, count(*) AS tenants
            FROM tenants t JOIN numbering_tenants v ON v.id = t.id WHERE v.active GROUP BY 1
            """;

    private final JdbcTemplate jdbc;

    ProvisioningReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        Map<String, Long> standing = new TreeMap<>();
        this.jdbc.query(STANDING, rs -> {
            standing.put(rs.getString("standing"), rs.getLong("tenants"));
        });
        log.info("Active tenants by voice-number status after this run: {}", standing);
    }

}
