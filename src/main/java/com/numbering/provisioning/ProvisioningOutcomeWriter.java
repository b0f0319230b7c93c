package com.numbering.provisioning;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Every state change is already committed by {@link VoiceNumberProvisioner} before and after each Telnyx call;
 * this writer only counts the outcomes for the dashboards ({@code numbering_provisioning_tenants_total}).
 */
final class ProvisioningOutcomeWriter implements ItemWriter<List<ProvisioningOutcome>> {

    private final MeterRegistry meters;

    ProvisioningOutcomeWriter(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void write(Chunk<? extends List<ProvisioningOutcome>> chunk) {
        for (List<ProvisioningOutcome> batch : chunk) {
            for (ProvisioningOutcome outcome : batch) {
                this.meters.counter("numbering.provisioning.tenants", "result", outcome.result().name().toLowerCase())
                    .increment();
            }
        }
    }

}
