package com.numbering.provisioning;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import com.numbering.numbers.CandidatePools;
import com.numbering.numbers.SearchLadder.Rung;

/**
 * The due tenants, one {@link TenantPlan} at a time, read a chunk's worth ahead: a concurrent step hands each item to
 * a worker as soon as it is read, so the chunk's demand must be known before its first item leaves. On the first read
 * of a chunk this reader takes {@code chunkSize} tenants from the (restartable, keyset-paged) reader, resolves each
 * once, and tells the shared searches how many tenants start at each rung; one search then serves them all.
 * <p>
 * Its restart state is the underlying reader's, saved only when every tenant read ahead has been handed out, which is
 * at each chunk boundary when {@code chunkSize} is the step's. Otherwise the state of the last such boundary stays,
 * and a restart reads those tenants again: each is still due or is not, never bought twice (docs/jobs.md).
 */
class TenantPlanReader implements ItemStreamReader<TenantPlan> {

    private final ItemStreamReader<TenantRow> tenants;

    private final Function<TenantRow, TenantPlan> resolve;

    private final CandidatePools pools;

    private final int chunkSize;

    private final Deque<TenantPlan> ahead = new ArrayDeque<>();

    TenantPlanReader(ItemStreamReader<TenantRow> tenants, Function<TenantRow, TenantPlan> resolve,
            CandidatePools pools, int chunkSize) {
        this.tenants = tenants;
        this.resolve = resolve;
        this.pools = pools;
        this.chunkSize = chunkSize;
    }

    @Override
    public TenantPlan read() throws Exception {
        if (this.ahead.isEmpty()) {
            readChunk();
        }
        return this.ahead.poll();
    }

    private void readChunk() throws Exception {
        Map<String, Integer> demand = new HashMap<>();
        for (TenantRow tenant = this.tenants.read(); tenant != null; tenant = this.tenants.read()) {
            TenantPlan plan = this.resolve.apply(tenant);
            this.ahead.add(plan);
            Rung first = plan.firstRung();
            if (first != null) {
                demand.merge(first.key(), 1, Integer::sum);
            }
            if (this.ahead.size() == this.chunkSize) {
                break;
            }
        }
        if (!this.ahead.isEmpty()) {
            this.pools.expect(demand);
        }
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        this.tenants.open(executionContext);
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        if (this.ahead.isEmpty()) {
            this.tenants.update(executionContext);
        }
    }

    @Override
    public void close() throws ItemStreamException {
        this.ahead.clear();
        this.tenants.close();
    }

}
