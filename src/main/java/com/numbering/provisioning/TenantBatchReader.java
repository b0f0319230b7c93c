package com.numbering.provisioning;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Groups the tenants of the underlying (restartable, keyset-paged) reader into batches: one batch is one item, so
 * that its tenants share searches and their Telnyx calls overlap.
 */
final class TenantBatchReader implements ItemStreamReader<List<TenantRow>> {

    private final ItemStreamReader<TenantRow> tenants;

    private final int batchSize;

    TenantBatchReader(ItemStreamReader<TenantRow> tenants, int batchSize) {
        this.tenants = tenants;
        this.batchSize = batchSize;
    }

    @Override
    public List<TenantRow> read() throws Exception {
        List<TenantRow> batch = new ArrayList<>(this.batchSize);
        for (TenantRow tenant = this.tenants.read(); tenant != null; tenant = this.tenants.read()) {
            batch.add(tenant);
            if (batch.size() == this.batchSize) {
                break;
            }
        }
        return batch.isEmpty() ? null : batch;
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        this.tenants.open(executionContext);
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        this.tenants.update(executionContext);
    }

    @Override
    public void close() throws ItemStreamException {
        this.tenants.close();
    }

}
