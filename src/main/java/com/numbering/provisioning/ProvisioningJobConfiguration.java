package com.numbering.provisioning;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.config.LaunchCheck;
import com.numbering.config.VoiceConnectionRequired;
import com.numbering.numbers.AreaCodeResolver;
import com.numbering.numbers.DailyOrderCount;
import com.numbering.numbers.NumberPurchaser;
import com.numbering.numbers.OrderProperties;
import com.numbering.numbers.SearchLadder;
import com.numbering.support.JobParameterRules.Form;
import com.numbering.support.JobParameterRules;
import com.numbering.support.RunThreads;
import com.numbering.support.SpendFence;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxProperties;

/**
 * {@code provisionVoiceNumbersJob}: every active tenant without an active voice number, in batches.
 */
@Configuration(proxyBeanMethods = false)
class ProvisioningJobConfiguration {

    static final String JOB_NAME = "provisionVoiceNumbersJob";

    /** New tenants, intents and orders to resume, failures due for a retry; never inactive tenants. */
    private static final String DUE = """
            active AND telnyx_voice_status IS DISTINCT FROM 'active'
            AND (telnyx_voice_status IS DISTINCT FROM 'failed' OR telnyx_voice_next_attempt_at IS NOT NULL)
            AND (telnyx_voice_next_attempt_at IS NULL OR telnyx_voice_next_attempt_at <= :now)
            """;

    /** The job parameter naming one tenant to provision now. */
    static final String TENANT_ID = "tenantId";

    /** One tenant named by ops: now, whatever its backoff; never an inactive or already active one. */
    private static final String ONE_TENANT = """
            active AND telnyx_voice_status IS DISTINCT FROM 'active' AND id::text = :tenantId
            """;

    /** Phone, state and "active" from the tenant mapping (docs/adoption.md "Where the service reads a tenant"). */
    private static final String TENANTS = """
            (SELECT t.id, v.phone, v.state, v.active, t.telnyx_voice_status, t.telnyx_voice_number,
                    t.telnyx_voice_customer_reference, t.telnyx_voice_order_id, t.telnyx_voice_reference_seq,
                    t.telnyx_voice_attempts, t.telnyx_voice_next_attempt_at
             FROM tenants t JOIN numbering_tenants v ON v.id = t.id) AS tenants
            """;

    @Bean
    Job provisionVoiceNumbersJob(JobRepository jobRepository, Step provisionVoiceNumbersStep, JdbcTemplate jdbc) {
        return new JobBuilder(JOB_NAME, jobRepository).validator(JobParameterRules.of(JOB_NAME, TENANT_ID, Form.ID,
                    ProvisionTenantsProcessor.DRY_RUN, Form.BOOLEAN))
            .start(provisionVoiceNumbersStep)
            .listener(new ProvisioningReport(jdbc))
            .build();
    }

    @Bean
    Step provisionVoiceNumbersStep(JobRepository jobRepository, JdbcPagingItemReader<TenantRow> dueTenantsReader,
            ProvisionTenantsProcessor provisionTenantsProcessor, MeterRegistry meters,
            ProvisioningProperties properties) {
        return new StepBuilder("provisionVoiceNumbersStep", jobRepository)
            .<List<TenantRow>, List<ProvisioningOutcome>>chunk(1)
            .reader(new TenantBatchReader(dueTenantsReader, properties.batchSize()))
            .processor(provisionTenantsProcessor)
            .writer(new ProvisioningOutcomeWriter(meters))
            .listener(provisionTenantsProcessor)
            .build();
    }

    /**
     * @param tenantId the job parameter {@code tenantId}: ops provision this one tenant now (its backoff and a
     *        {@code failed} status notwithstanding, never an inactive tenant or one already active); absent, every
     *        due tenant
     */
    @Bean
    @StepScope
    JdbcPagingItemReader<TenantRow> dueTenantsReader(DataSource dataSource, ProvisioningProperties properties,
            Clock clock, @Value("#{jobParameters['" + TENANT_ID + "']}") String tenantId) throws Exception {
        boolean one = tenantId != null && !tenantId.isBlank();
        return new JdbcPagingItemReaderBuilder<TenantRow>().name("dueTenantsReader")
            .dataSource(dataSource)
            .selectClause(TenantVoiceRepository.COLUMNS)
            .fromClause(TENANTS)
            .whereClause(one ? ONE_TENANT : DUE)
            .parameterValues(one ? Map.of("tenantId", tenantId.trim()) : Map.of("now", Timestamp.from(clock.instant())))
            .sortKeys(Map.of("id", Order.ASCENDING))
            .pageSize(properties.batchSize())
            .rowMapper(TenantVoiceRepository.ROW)
            .build();
    }

    @Bean
    ProvisionTenantsProcessor provisionTenantsProcessor(VoiceNumberProvisioner provisioner, TelnyxGateway telnyx,
            AreaCodeResolver resolver, SearchLadder ladder, ExecutorService provisioningWorkers, Clock clock,
            OrderProperties orders, DailyOrderCount dailyOrders, MeterRegistry meters, SpendFence fence,
            JdbcTemplate jdbc) {
        return new ProvisionTenantsProcessor(provisioner, telnyx, resolver, ladder, provisioningWorkers, clock, orders,
                dailyOrders, meters, fence, jdbc);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService provisioningWorkers(TelnyxProperties telnyx) {
        return RunThreads.fixedPool("provisioning-worker", telnyx.maxConcurrentRequests(), false);
    }

    @Bean
    NumberPurchaser voiceNumberPurchaser(TelnyxGateway telnyx, Clock clock, ProvisioningProperties properties) {
        return new NumberPurchaser(telnyx, clock, properties.orderPollInterval(), properties.orderPollTimeout());
    }

    @Bean
    LaunchCheck provisioningConfigurationCheck(TelnyxProperties telnyx) {
        return new VoiceConnectionRequired(JOB_NAME, telnyx);
    }

}
