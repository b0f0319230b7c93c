package com.numbering.provisioning;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.numbers.AreaCodeResolver.Origin;
import com.numbering.numbers.AreaCodeResolver;
import com.numbering.numbers.CandidatePools;
import com.numbering.numbers.DailyOrderCount;
import com.numbering.numbers.OrderLimits;
import com.numbering.numbers.OrderProperties;
import com.numbering.numbers.SearchLadder.Rung;
import com.numbering.numbers.SearchLadder;
import com.numbering.support.AllSettled;
import com.numbering.support.SpendFence;
import com.numbering.telnyx.TelnyxGateway;

/**
 * Provisions one batch of tenants concurrently (the request budget, not this loop, sets the pace): each tenant is
 * resolved once into a {@link TenantPlan}, the plans size one set of shared searches, and each plan drives its
 * tenant's purchase.
 */
final class ProvisionTenantsProcessor
        implements ItemProcessor<List<TenantRow>, List<ProvisioningOutcome>>, StepExecutionListener {

    private static final String FEATURE = "voice";

    /** The job parameter that turns a run into a plan: {@code dryRun=true}. */
    static final String DRY_RUN = "dryRun";

    private final VoiceNumberProvisioner provisioner;

    private final TelnyxGateway telnyx;

    private final AreaCodeResolver resolver;

    private final SearchLadder ladder;

    private final ExecutorService workers;

    private final Clock clock;

    private final OrderProperties orderProperties;

    private final DailyOrderCount dailyOrders;

    private final JdbcTemplate jdbc;

    /** Set for a dry run ({@code dryRun=true}): plans instead of purchases. */
    private ProvisioningPlanner planner;

    private final MeterRegistry meters;

    private final SpendFence fence;

    private CandidatePools pools;

    private OrderLimits limits;

    ProvisionTenantsProcessor(VoiceNumberProvisioner provisioner, TelnyxGateway telnyx, AreaCodeResolver resolver,
            SearchLadder ladder, ExecutorService workers, Clock clock, OrderProperties orderProperties,
            DailyOrderCount dailyOrders, MeterRegistry meters, SpendFence fence, JdbcTemplate jdbc) {
        this.fence = fence;
        this.jdbc = jdbc;
        this.provisioner = provisioner;
        this.telnyx = telnyx;
        this.resolver = resolver;
        this.ladder = ladder;
        this.workers = workers;
        this.clock = clock;
        this.orderProperties = orderProperties;
        this.dailyOrders = dailyOrders;
        this.meters = meters;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.pools = CandidatePools.forRun(this.telnyx, this.clock);
        this.limits = new OrderLimits(this.orderProperties, this.dailyOrders, this.fence);
        this.planner = "true".equalsIgnoreCase(stepExecution.getJobParameters().getString(DRY_RUN))
                ? new ProvisioningPlanner(this.jdbc, this.clock, stepExecution.getJobExecutionId(),
                        this.orderProperties, this.dailyOrders.takenToday())
                : null;
    }

    /**
     * A run whose ordering a guardrail stopped ends {@code ORDERING_STOPPED} (exit code 4, README "Exit codes"):
     * the work it did is kept, the tenants it could not serve wait for the next run, and ops are told.
     */
    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (this.planner != null) {
            this.planner.summarize();
        }
        this.meters.counter("numbering.provisioning.orders.placed").increment(this.limits.placed());
        Optional<OrderLimits.Stop> stopped = this.limits.stopped();
        // Every reason is pushed, at 0 when it did not happen, so that alert rules always have a series to read.
        for (OrderLimits.Stop why : OrderLimits.Stop.values()) {
            this.meters.counter("numbering.provisioning.orders.stopped", "reason", why.label())
                .increment(stopped.filter(why::equals).isPresent() ? 1 : 0);
        }
        return stopped.map(why -> new ExitStatus(OrderLimits.STOPPED_EXIT_STATUS,
                "ordering stopped for this run: " + why.label()))
            .orElse(null);
    }

    @Override
    public List<ProvisioningOutcome> process(List<TenantRow> batch) {
        List<TenantPlan> plans = batch.stream().map(this::plan).toList();
        CandidatePools pools = this.pools;
        OrderLimits limits = this.limits;
        pools.expect(demand(plans));
        ProvisioningPlanner planner = this.planner;
        if (planner != null) {
            return plans.stream().map(plan -> planner.plan(plan, pools)).toList();
        }
        // Every tenant settles before a failure stops the job.
        return AllSettled.run(plans, plan -> this.provisioner.provision(plan, pools, limits), this.workers);
    }

    private TenantPlan plan(TenantRow tenant) {
        Origin origin = this.resolver.resolve(tenant.phone(), tenant.state());
        return new TenantPlan(tenant, origin, origin.resolved() ? this.ladder.rungs(origin, FEATURE) : List.of());
    }

    /** How many tenants of the batch start at each rung, so that the first search is sized for all of them. */
    private static Map<String, Integer> demand(List<TenantPlan> plans) {
        Map<String, Integer> demand = new HashMap<>();
        for (TenantPlan plan : plans) {
            Rung first = plan.firstRung();
            if (first != null) {
                demand.merge(first.key(), 1, Integer::sum);
            }
        }
        return demand;
    }

}
