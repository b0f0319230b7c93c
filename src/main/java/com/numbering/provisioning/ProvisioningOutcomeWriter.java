package com.numbering.provisioning;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Every state change is already committed by {@link VoiceNumberProvisioner} before and after each Telnyx call;
 * this writer only counts the outcomes for the dashboards ({@code numbering_provisioning_tenants_total}).
 */
final class ProvisioningOutcomeWriter implements ItemWriter<ProvisioningOutcome> {

    private final MeterRegistry meters;

    ProvisioningOutcomeWriter(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void write(Chunk<? extends ProvisioningOutcome> chunk) {
        for (ProvisioningOutcome outcome : chunk) {
            this.meters.counter("numbering.provisioning.tenants", "result", outcome.result().name().toLowerCase())
                .increment();
        }
    }

}
