package com.numbering.reconciliation;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.numbering.adoption.TenantKey;

/** {@code reconciliation_findings}: what each run found and did. Every write commits on its own. */
@Repository
class FindingRepository {

    private static final String RECORD = """
            INSERT INTO reconciliation_findings (job_execution_id, kind, phone_number, tenant_id, telnyx_number_id,
                                                 action, details, dry_run)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String SUMMARY = """
            SELECT kind, action, count(*) FROM reconciliation_findings WHERE job_execution_id = ?
            GROUP BY kind, action ORDER BY kind, action
            """;

    private final JdbcTemplate jdbc;

    FindingRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(Run run, Finding finding) {
        this.jdbc.update(RECORD, run.jobExecutionId(),
                finding.kind().column(), finding.phoneNumber(), TenantKey.value(finding.tenantId()), finding.numberId(),
                finding.action().column(run.dryRun()), finding.details(), run.dryRun());
    }

    /** Findings of one run by kind and action, for the log and the metrics. */
    List<Count> summary(long jobExecutionId) {
        return this.jdbc.query(SUMMARY, (rs, i) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3)),
                jobExecutionId);
    }

    record Count(String kind, String action, long findings) {
    }

}
