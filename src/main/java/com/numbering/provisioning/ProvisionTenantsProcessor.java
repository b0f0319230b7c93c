package com.numbering.provisioning;

import java.time.Clock;
import java.time.Duration;
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
import com.numbering.support.AllSettled;
import com.numbering.telnyx.TelnyxGateway;

/**
 * Provisions one batch of tenants concurrently (the request budget, not this loop, sets the pace), with one set of
 * shared searches for the batch.
 */
final class ProvisionTenantsProcessor
        implements ItemProcessor<List<TenantRow>, List<ProvisioningOutcome>>, StepExecutionListener {

    /** Telnyx wants an order to follow a "recent" search; older candidates are searched for again. */
    private static final Duration CANDIDATE_MAX_AGE = Duration.ofMinutes(5);

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
        this.pools = new CandidatePools(this.telnyx, this.clock, CANDIDATE_MAX_AGE);
    }

    @Override
    public List<ProvisioningOutcome> process(List<TenantRow> batch) {
        CandidatePools pools = this.pools;
        pools.expect(demand(batch));
        // The request budget, not this loop, sets the pace; every tenant settles before a failure stops the job.
        return AllSettled.run(batch, tenant -> this.provisioner.provision(tenant, pools), this.workers);
    }

    /** How many tenants of the batch start at each rung, so that the first search is sized for all of them. */
    private Map<String, Integer> demand(List<TenantRow> batch) {
        Map<String, Integer> demand = new HashMap<>();
        for (TenantRow tenant : batch) {
            if (tenant.mayHoldANumber()) {
                continue;
            }
            Origin origin = this.resolver.resolve(tenant.phone(), tenant.state());
            if (origin.resolved()) {
                demand.merge(this.ladder.rungs(origin).get(0).key(), 1, Integer::sum);
            }
        }
        return demand;
    }

}
