package com.numbering.reconciliation;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.support.CompositeItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

import com.numbering.config.LaunchCheck;
import com.numbering.config.VoiceConnectionRequired;
import com.numbering.numbers.CustomerReferences;
import com.numbering.reconciliation.DiscrepancyRepository.LostNumber;
import com.numbering.reconciliation.DiscrepancyRepository.MisattachedNumber;
import com.numbering.reconciliation.DiscrepancyRepository.PendingOrder;
import com.numbering.reconciliation.DiscrepancyRepository.UnrecordedNumber;
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
            .validator(JobParameterRules.of(JOB_NAME, Run.DRY_RUN, Form.BOOLEAN))
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

    /** The run a step works for, once the inventory is staged. Not proxied (a record cannot be): readers take it. */
    @Bean
    @Scope("step")
    Run reconciliationRun(@Value("#{stepExecution.jobExecution}") JobExecution jobExecution) {
        return Run.of(jobExecution);
    }

    @Bean
    PolicySteps policySteps(JobRepository jobRepository, TelnyxGateway telnyx, TenantRepairRepository tenants,
            FindingRepository findings, ReconciliationProperties properties) {
        return new PolicySteps(jobRepository, new Repairs(telnyx, tenants, findings), properties.repairBatchSize());
    }

    @Bean
    Step followPendingOrdersStep(PolicySteps steps, JdbcPagingItemReader<PendingOrder> pendingOrdersReader) {
        return steps.step("followPendingOrdersStep", pendingOrdersReader, PendingOrderFollower::new);
    }

    @Bean
    Step adoptUnrecordedNumbersStep(PolicySteps steps, JdbcPagingItemReader<UnrecordedNumber> unrecordedNumbersReader,
            CustomerReferences references) {
        return steps.step("adoptUnrecordedNumbersStep", unrecordedNumbersReader,
                repairs -> new UnrecordedNumberAdopter(repairs, references));
    }

    @Bean
    Step reprovisionLostNumbersStep(PolicySteps steps, JdbcPagingItemReader<LostNumber> lostNumbersReader) {
        return steps.step("reprovisionLostNumbersStep", lostNumbersReader, LostNumberReprovisioner::new);
    }

    @Bean
    Step repairNumberSettingsStep(PolicySteps steps, CompositeItemReader<MisattachedNumber> misattachedNumbersReader) {
        return steps.step("repairNumberSettingsStep", misattachedNumbersReader, SettingsRepairer::new);
    }

    /** A tasklet: one report of what nobody owns, then at most the cap of releases. */
    @Bean
    Step reportUnownedNumbersStep(JobRepository jobRepository, UnownedNumberRepository unowned,
            TenantRepairRepository tenants, TelnyxGateway telnyx, ReconciliationProperties properties,
            SpendFence fence) {
        return new StepBuilder("reportUnownedNumbersStep", jobRepository)
            .tasklet(new UnownedNumberReleaser(unowned, tenants, telnyx, properties, fence))
            .build();
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<PendingOrder> pendingOrdersReader(DiscrepancyRepository discrepancies, Run run) {
        return discrepancies.pendingOrders(run);
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<UnrecordedNumber> unrecordedNumbersReader(DiscrepancyRepository discrepancies) {
        return discrepancies.unrecordedNumbers();
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<LostNumber> lostNumbersReader(DiscrepancyRepository discrepancies, Run run) {
        return discrepancies.lostNumbers(run);
    }

    /** Tenant numbers off the voice connection, then the shared SMS number off its messaging profile. */
    @Bean
    @StepScope
    CompositeItemReader<MisattachedNumber> misattachedNumbersReader(DiscrepancyRepository discrepancies,
            TelnyxProperties telnyx) {
        return discrepancies.misattachedNumbers(telnyx.voiceConnectionId());
    }

    @Bean
    LaunchCheck reconciliationConfigurationCheck(TelnyxProperties telnyx) {
        return new VoiceConnectionRequired(JOB_NAME, telnyx);
    }

}
