package com.numbering.provisioning;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.numbering.metrics.JobFigures;
import com.numbering.metrics.MeterDescriptions;
import com.numbering.metrics.StateGauges;

/** What a provisioning run pushes: tenants handled, and the tenants' voice states read from {@code tenants}. */
@Component
class ProvisioningFigures implements JobFigures {

    private static final String TENANTS_BY_STATUS_AND_TIER = """
            SELECT COALESCE(t.telnyx_voice_status, 'none'), COALESCE(t.telnyx_voice_tier, 'none'), count(*)
            FROM tenants t JOIN numbering_tenants v ON v.id = t.id
            WHERE v.active
            GROUP BY 1, 2
            """;

    /**
     * Tenants whose last order's outcome nobody could learn (VoiceNumberProvisioner's field
     * {@code telnyx-order-outcome}), split by whether they were escalated to a human ("NEEDS A HUMAN:").
     */
    private static final String ORDER_OUTCOMES_UNKNOWN = """
            SELECT COALESCE(telnyx_voice_failure_reason LIKE 'NEEDS A HUMAN:%', false), count(*) FROM tenants
            WHERE telnyx_voice_failure_field = 'telnyx-order-outcome' AND telnyx_voice_status IS DISTINCT FROM 'active'
            GROUP BY 1
            """;

    private final JdbcTemplate jdbc;

    ProvisioningFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Bean
    static MeterDescriptions provisioningMeterDescriptions() {
        return new MeterDescriptions(Map.of("numbering.provisioning.tenants", "Tenants handled by this run, by result"));
    }

    @Override
    public String jobName() {
        return ProvisioningJobConfiguration.JOB_NAME;
    }

    @Override
    public List<String> meterPrefixes() {
        return List.of("numbering_provisioning_", "numbering_tenants");
    }

    @Override
    public void beforeRun(MeterRegistry meters) {
        List.of("active", "pending", "retry", "failed")
            .forEach(result -> Counter.builder("numbering.provisioning.tenants").tag("result", result).register(meters));
    }

    @Override
    public void afterRun(StateGauges gauges, Long executionId) {
        this.jdbc.query(TENANTS_BY_STATUS_AND_TIER, (rs, row) -> new TenantCount(rs.getString(1), rs.getString(2),
                rs.getLong(3)))
            .forEach(count -> gauges.set("numbering.tenants", null, "Active tenants by voice number status and tier",
                    Tags.of("voice_status", count.voiceStatus(), "tier", count.tier()), count.value()));
        orderOutcomesUnknown().forEach((escalated, count) -> gauges.set("numbering.provisioning.orders.outcome.unknown",
                null, "Tenants whose number order has an outcome not yet learnt; escalated=true: a human checks "
                        + "Telnyx (README \"Unknown outcomes\")",
                Tags.of("escalated", escalated), count));
    }

    private record TenantCount(String voiceStatus, String tier, long value) {
    }

    /** Tenants waiting on an unknown order outcome, by escalated ("true"/"false"); both keys always present. */
    private Map<String, Long> orderOutcomesUnknown() {
        Map<String, Long> counts = new TreeMap<>(Map.of("false", 0L, "true", 0L));
        this.jdbc.query(ORDER_OUTCOMES_UNKNOWN, rs -> {
            counts.put(String.valueOf(rs.getBoolean(1)), rs.getLong(2));
        });
        return counts;
    }

}
