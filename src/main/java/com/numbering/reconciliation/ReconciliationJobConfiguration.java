package com.numbering.reconciliation;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.numbering.config.LaunchCheck;
import com.numbering.config.VoiceConnectionRequired;
import com.numbering.numbers.CustomerReferences;
import com.numbering.support.JobParameterRules.Form;
import com.numbering.support.JobParameterRules;
import com.numbering.support.SpendFence;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxProperties;

/**
 * {@code reconcileInventoryJob}: the Telnyx inventory staged in PostgreSQL, then one step per policy, in the order
 * in which each one's repairs feed the next (a completed order or an adopted number is then checked for its
 * connection; only what is left over is reported as unowned). A restart resumes at the failed step, after staging
 * the inventory afresh.
 */
@Configuration(proxyBeanMethods = false)
class ReconciliationJobConfiguration {

    static final String JOB_NAME = "reconcileInventoryJob";

    @Bean
    Job reconcileInventoryJob(JobRepository jobRepository, Step stageInventoryStep, Step followPendingOrdersStep,
            Step adoptUnrecordedNumbersStep, Step reprovisionLostNumbersStep, Step repairNumberSettingsStep,
            Step reportUnownedNumbersStep, FindingRepository findings, MeterRegistry meters) {
        return new JobBuilder(JOB_NAME, jobRepository)
            .validator(JobParameterRules.of(JOB_NAME, ReconciliationTasklet.DRY_RUN, Form.BOOLEAN))
            .start(stageInventoryStep)
            .next(followPendingOrdersStep)
            .next(adoptUnrecordedNumbersStep)
            .next(reprovisionLostNumbersStep)
            .next(repairNumberSettingsStep)
            .next(reportUnownedNumbersStep)
            .listener(new ReconciliationReport(findings, meters))
            .build();
    }

    /** Always re-run, on a restart too: later steps must never judge against an old snapshot. */
    @Bean
    Step stageInventoryStep(JobRepository jobRepository, TelnyxGateway telnyx, InventorySnapshotRepository snapshot,
            ReconciliationProperties properties, Clock clock) {
        InventoryStager stager = new InventoryStager(telnyx, snapshot, properties, clock);
        return new StepBuilder("stageInventoryStep", jobRepository)
            .tasklet(stager)
            .listener(stager)
            .allowStartIfComplete(true)
            .build();
    }

    @Bean
    Step followPendingOrdersStep(JobRepository jobRepository, DiscrepancyRepository discrepancies,
            TenantRepairRepository tenants, FindingRepository findings, TelnyxGateway telnyx,
            ReconciliationProperties properties) {
        return step("followPendingOrdersStep", jobRepository,
                new PendingOrderFollower(discrepancies, tenants, findings, telnyx, properties.repairBatchSize()));
    }

    @Bean
    Step adoptUnrecordedNumbersStep(JobRepository jobRepository, DiscrepancyRepository discrepancies,
            TenantRepairRepository tenants, FindingRepository findings, ReconciliationProperties properties,
            CustomerReferences references) {
        return step("adoptUnrecordedNumbersStep", jobRepository,
                new UnrecordedNumberAdopter(discrepancies, tenants, findings, properties.repairBatchSize(), references));
    }

    @Bean
    Step reprovisionLostNumbersStep(JobRepository jobRepository, DiscrepancyRepository discrepancies,
            TenantRepairRepository tenants, FindingRepository findings, TelnyxGateway telnyx,
            ReconciliationProperties properties) {
        return step("reprovisionLostNumbersStep", jobRepository,
                new LostNumberReprovisioner(discrepancies, tenants, findings, telnyx, properties.repairBatchSize()));
    }

    @Bean
    Step repairNumberSettingsStep(JobRepository jobRepository, DiscrepancyRepository discrepancies,
            FindingRepository findings, TelnyxGateway telnyx, TelnyxProperties telnyxProperties,
            ReconciliationProperties properties) {
        return step("repairNumberSettingsStep", jobRepository, new SettingsRepairer(discrepancies,
                findings, telnyx, telnyxProperties.voiceConnectionId(), properties.repairBatchSize()));
    }

    @Bean
    Step reportUnownedNumbersStep(JobRepository jobRepository, UnownedNumberRepository unowned,
            TenantRepairRepository tenants, TelnyxGateway telnyx, ReconciliationProperties properties,
            SpendFence fence) {
        return step("reportUnownedNumbersStep", jobRepository,
                new UnownedNumberReleaser(unowned, tenants, telnyx, properties, fence));
    }

    @Bean
    LaunchCheck reconciliationConfigurationCheck(TelnyxProperties telnyx) {
        return new VoiceConnectionRequired(JOB_NAME, telnyx);
    }

    private static Step step(String name, JobRepository jobRepository, Tasklet tasklet) {
        return new StepBuilder(name, jobRepository).tasklet(tasklet).build();
    }

}
