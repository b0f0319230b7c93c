package com.numbering.provisioning;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import com.numbering.numbers.AreaCodeResolver;
import com.numbering.numbers.AreaCodeResolver.Origin;
import com.numbering.numbers.CandidatePools;
import com.numbering.numbers.SearchLadder;
import com.numbering.numbers.SearchLadder.Rung;
import com.numbering.support.AllSettled;
import com.numbering.telnyx.TelnyxGateway;

/**
 * Provisions one batch of tenants concurrently (the request budget, not this loop, sets the pace): each tenant is
 * resolved once into a {@link TenantPlan}, the plans size one set of shared searches, and each plan drives its
 * tenant's purchase.
 */
final class ProvisionTenantsProcessor
        implements ItemProcessor<List<TenantRow>, List<ProvisioningOutcome>>, StepExecutionListener {

    private static final String FEATURE = "voice";

    private final VoiceNumberProvisioner provisioner;

    private final TelnyxGateway telnyx;

    private final AreaCodeResolver resolver;

    private final SearchLadder ladder;

    private final ExecutorService workers;

    private final Clock clock;

    private CandidatePools pools;

    ProvisionTenantsProcessor(VoiceNumberProvisioner provisioner, TelnyxGateway telnyx, AreaCodeResolver resolver,
            SearchLadder ladder, ExecutorService workers, Clock clock) {
        this.provisioner = provisioner;
        this.telnyx = telnyx;
        this.resolver = resolver;
        this.ladder = ladder;
        this.workers = workers;
        this.clock = clock;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.pools = CandidatePools.forRun(this.telnyx, this.clock);
    }

    @Override
    public List<ProvisioningOutcome> process(List<TenantRow> batch) {
        List<TenantPlan> plans = batch.stream().map(this::plan).toList();
        CandidatePools pools = this.pools;
        pools.expect(demand(plans));
        // Every tenant settles before a failure stops the job.
        return AllSettled.run(plans, plan -> this.provisioner.provision(plan, pools), this.workers);
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
