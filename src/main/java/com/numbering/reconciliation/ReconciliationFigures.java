package com.numbering.reconciliation;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Tags;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.numbering.metrics.JobFigures;
import com.numbering.metrics.MeterDescriptions;
import com.numbering.metrics.StateGauges;

/**
 * What a reconciliation run pushes: what it found, by kind ({@code reconciliation_findings}), and the Telnyx numbers
 * by owner as it left them.
 */
@Component
class ReconciliationFigures implements JobFigures {

    private static final String NUMBERS_OWNED = """
            SELECT 'tenant', count(*) FROM tenants WHERE telnyx_voice_status = 'active'
            UNION ALL SELECT 'shared_sms', count(*) FROM system_config WHERE telnyx_sms_status = 'active'
            UNION ALL SELECT 'unowned', count(*) FROM reconciliation_unowned_numbers WHERE kind = 'unowned-number'
            UNION ALL SELECT 'inactive_tenant', count(*) FROM reconciliation_unowned_numbers
                      WHERE kind = 'inactive-tenant-number'
            """;

    private static final String FINDINGS_OF_RUN = """
            SELECT kind, count(*) FROM reconciliation_findings WHERE job_execution_id = ? GROUP BY kind
            """;

    private final JdbcTemplate jdbc;

    ReconciliationFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Bean
    static MeterDescriptions reconciliationMeterDescriptions() {
        return new MeterDescriptions(Map.of("numbering.reconciliation.findings",
                "What the last reconciliation found, by kind and action"));
    }

    @Override
    public String jobName() {
        return ReconciliationJobConfiguration.JOB_NAME;
    }

    @Override
    public List<String> meterPrefixes() {
        return List.of("numbering_reconciliation_", "numbering_numbers_owned");
    }

    @Override
    public void afterRun(StateGauges gauges, Long executionId) {
        this.jdbc.query(NUMBERS_OWNED, (rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
            .forEach(count -> gauges.set("numbering.numbers.owned", null,
                    "Telnyx numbers by owner: tenant, shared_sms, unowned, inactive_tenant (last reconciliation)",
                    Tags.of("kind", count.getKey()), count.getValue()));
        // Every kind is pushed, at 0 when this run did not find it.
        Map<String, Long> findings = new TreeMap<>();
        Arrays.stream(FindingKind.values()).forEach(kind -> findings.put(kind.column(), 0L));
        if (executionId != null) {
            this.jdbc.query(FINDINGS_OF_RUN, rs -> {
                findings.put(rs.getString(1), rs.getLong(2));
            }, executionId);
        }
        findings.forEach((kind, count) -> gauges.set("numbering.reconciliation.last.findings", null,
                "What this reconciliation run found, by kind (reconciliation_findings)", Tags.of("kind", kind), count));
    }

}
