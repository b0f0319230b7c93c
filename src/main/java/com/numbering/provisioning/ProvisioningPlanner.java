package com.numbering.provisioning;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.numbers.CandidatePools;
import com.numbering.numbers.OrderProperties;
import com.numbering.numbers.SearchLadder.Rung;
import com.numbering.provisioning.ProvisioningOutcome.Result;
import com.numbering.telnyx.TelnyxGateway.AvailableNumber;

/**
 * A dry run of provisioning ({@code dryRun=true}): for each due tenant, what a real run would do now, from real
 * searches (the rung a number would come from), within the order ceilings; printed, and recorded in
 * {@code provisioning_plans}. It never orders, never writes a tenant, never takes one of the day's orders.
 * <p>
 * One per dry run: a step-scoped bean, proxied by subclassing (so not final).
 */
class ProvisioningPlanner {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningPlanner.class);

    private static final String RECORD = """
            INSERT INTO provisioning_plans (job_execution_id, tenant_id, action, tier, area_code, reason, planned_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (job_execution_id, tenant_id) DO UPDATE SET action = EXCLUDED.action, tier = EXCLUDED.tier,
                   area_code = EXCLUDED.area_code, reason = EXCLUDED.reason, planned_at = EXCLUDED.planned_at
            """;

    private final JdbcTemplate jdbc;

    private final Clock clock;

    private final long jobExecutionId;

    /** Orders this run may still place: the lower of the run's ceiling and what is left of the day's. */
    private final int orderRoom;

    private final AtomicInteger wouldOrder = new AtomicInteger();

    private final Map<String, AtomicInteger> tally = new ConcurrentHashMap<>();

    ProvisioningPlanner(JdbcTemplate jdbc, Clock clock, long jobExecutionId, OrderProperties orders,
            int takenToday) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.jobExecutionId = jobExecutionId;
        this.orderRoom = Math.max(0, Math.min(orders.maxPerRun(), orders.maxPerDay() - takenToday));
    }

    ProvisioningOutcome plan(TenantPlan plan, CandidatePools pools) {
        TenantRow tenant = plan.tenant();
        if (tenant.mayHoldANumber()) {
            return record(tenant, "would-follow", null, plan.areaCode(),
                    "holds an intent or an order (" + tenant.status().column() + "): followed, never ordered again");
        }
        if (!plan.origin().resolved()) {
            return record(tenant, "would-fail", null, null, plan.origin().reason());
        }
        for (Rung rung : plan.rungs()) {
            AvailableNumber candidate = pools.next(rung);
            if (candidate != null) {
                if (this.wouldOrder.incrementAndGet() > this.orderRoom) {
                    return record(tenant, "would-stop", rung.tier().column(), plan.areaCode(),
                            "beyond the order ceiling (numbering.orders.max-per-run / max-per-day): served by a later run");
                }
                return record(tenant, "would-order", rung.tier().column(), plan.areaCode(), null);
            }
        }
        return record(tenant, "no-number", null, plan.areaCode(), "no US local number on any rung right now");
    }

    private ProvisioningOutcome record(TenantRow tenant, String action, String tier, String areaCode, String reason) {
        this.jdbc.update(RECORD, this.jobExecutionId, tenant.id(), action, tier, areaCode, reason,
                Timestamp.from(this.clock.instant()));
        this.tally.computeIfAbsent(tier == null ? action : action + " (" + tier + ")", key -> new AtomicInteger())
            .incrementAndGet();
        log.info("DRY RUN tenant {}: {}{}{}", tenant.id(), action, tier == null ? "" : " from the " + tier + " rung",
                reason == null ? "" : ": " + reason);
        return new ProvisioningOutcome(tenant.id(), Result.PLANNED, action);
    }

    /** The run's plan in one line: what ops read before letting the schedule loose on a database. */
    void summarize() {
        log.info("DRY RUN of provisionVoiceNumbersJob (execution {}): nothing was ordered or changed; a real run now "
                + "would place {} orders (room under the ceilings: {}); by tenant: {}. Rows: SELECT * FROM "
                + "provisioning_plans WHERE job_execution_id = {}", this.jobExecutionId,
                Math.min(this.wouldOrder.get(), this.orderRoom), this.orderRoom, new TreeMap<>(this.tally),
                this.jobExecutionId);
    }

}
