package com.numbering.provisioning;

import java.util.function.Function;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * One tenant of the chunk, on one of the run's workers: its purchase, or with {@code dryRun=true} its plan. A class
 * rather than a lambda so that the step scope proxies what the step is given.
 */
class TenantProcessor implements ItemProcessor<TenantPlan, ProvisioningOutcome> {

    private final Function<TenantPlan, ProvisioningOutcome> oneTenant;

    TenantProcessor(Function<TenantPlan, ProvisioningOutcome> oneTenant) {
        this.oneTenant = oneTenant;
    }

    @Override
    public ProvisioningOutcome process(TenantPlan tenant) {
        return this.oneTenant.apply(tenant);
    }

}
