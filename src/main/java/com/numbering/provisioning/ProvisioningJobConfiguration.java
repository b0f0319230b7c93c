package com.numbering.provisioning;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.config.LaunchCheck;
import com.numbering.config.VoiceConnectionRequired;
import com.numbering.numbers.AreaCodeResolver;
import com.numbering.numbers.CandidatePools;
import com.numbering.numbers.DailyOrderCount;
import com.numbering.numbers.NumberPurchaser;
import com.numbering.numbers.OrderLimits;
import com.numbering.numbers.OrderProperties;
import com.numbering.numbers.SearchLadder;
import com.numbering.support.JobParameterRules.Form;
import com.numbering.support.JobParameterRules;
import com.numbering.support.RunThreads;
import com.numbering.support.SpendFence;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxProperties;

/**
 * {@code provisionVoiceNumbersJob}: every active tenant without an active voice number, a chunk at a time, each
 * tenant on a worker of the step's task executor; the run's searches, order limits and workers are step-scoped.
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

    /** The job parameter that turns a run into a plan: {@code dryRun=true}. */
    static final String DRY_RUN = "dryRun";

    private static final String DRY_RUN_PARAMETER = "#{jobParameters['" + DRY_RUN + "']}";

    @Bean
    Job provisionVoiceNumbersJob(JobRepository jobRepository, Step provisionVoiceNumbersStep, JdbcTemplate jdbc) {
        return new JobBuilder(JOB_NAME, jobRepository).validator(JobParameterRules.of(JOB_NAME, TENANT_ID, Form.ID,
                    DRY_RUN, Form.BOOLEAN))
            .start(provisionVoiceNumbersStep)
            .listener(new ProvisioningReport(jdbc))
            .build();
    }

    /**
     * Due tenants, one at a time, on the run's workers ({@code max-concurrent-requests} at once; the request budget,
     * not this step, sets the pace), a chunk of {@code batch-size} sharing its searches. No transaction manager on
     * purpose (Spring Batch then uses a resourceless one): a chunk transaction around calls to Telnyx would hold back
     * the intent that must be committed before each order call (docs/jobs.md, "Crash safety"); the repositories
     * commit every write themselves.
     */
    @Bean
    Step provisionVoiceNumbersStep(JobRepository jobRepository, TenantPlanReader dueTenantPlanReader,
            TenantProcessor provisionTenantProcessor,
            ItemWriter<ProvisioningOutcome> provisioningOutcomeWriter, ExecutorService provisioningWorkers,
            StepExecutionListener provisioningStepListener, ProvisioningProperties properties) {
        return new StepBuilder("provisionVoiceNumbersStep", jobRepository)
            .<TenantPlan, ProvisioningOutcome>chunk(properties.batchSize())
            .reader(dueTenantPlanReader)
            .processor(provisionTenantProcessor)
            .writer(provisioningOutcomeWriter)
            .taskExecutor(new TaskExecutorAdapter(provisioningWorkers))
            .listener(provisioningStepListener)
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
    @StepScope
    TenantPlanReader dueTenantPlanReader(JdbcPagingItemReader<TenantRow> dueTenantsReader,
            AreaCodeResolver resolver, SearchLadder ladder, CandidatePools candidatePools,
            ProvisioningProperties properties) {
        return new TenantPlanReader(dueTenantsReader, tenant -> TenantPlan.resolve(tenant, resolver, ladder),
                candidatePools, properties.batchSize());
    }

    /**
     * One tenant: a purchase, or with {@code dryRun=true} a plan. Whatever goes wrong for the tenant alone is its
     * outcome (retry, failed); only what stops every tenant (configuration, a lost lock, the database) is thrown.
     */
    @Bean
    @StepScope
    TenantProcessor provisionTenantProcessor(@Value(DRY_RUN_PARAMETER) String dryRun,
            VoiceNumberProvisioner provisioner, CandidatePools candidatePools, OrderLimits orderLimits,
            ProvisioningPlanner dryRunPlanner) {
        if (isDryRun(dryRun)) {
            return new TenantProcessor(tenant -> dryRunPlanner.plan(tenant, candidatePools));
        }
        return new TenantProcessor(tenant -> provisioner.provision(tenant, candidatePools, orderLimits));
    }

    @Bean
    ItemWriter<ProvisioningOutcome> provisioningOutcomeWriter(MeterRegistry meters) {
        return new ProvisioningOutcomeWriter(meters);
    }

    @Bean
    @StepScope
    StepExecutionListener provisioningStepListener(@Value(DRY_RUN_PARAMETER) String dryRun,
            ExecutorService provisioningWorkers, OrderLimits orderLimits, ProvisioningPlanner dryRunPlanner,
            MeterRegistry meters) {
        return new ProvisioningStepListener(provisioningWorkers, orderLimits, meters,
                isDryRun(dryRun) ? dryRunPlanner::summarize : () -> { });
    }

    /** The run's searches, shared by its tenants. */
    @Bean
    @StepScope
    CandidatePools candidatePools(TelnyxGateway telnyx, Clock clock) {
        return CandidatePools.forRun(telnyx, clock);
    }

    /** What the run may still order. */
    @Bean
    @StepScope
    OrderLimits orderLimits(OrderProperties orders, DailyOrderCount dailyOrders, SpendFence fence) {
        return new OrderLimits(orders, dailyOrders, fence);
    }

    /** Made only when a dry run uses it: it reads the day's order count once. */
    @Bean
    @StepScope
    ProvisioningPlanner dryRunPlanner(JdbcTemplate jdbc, Clock clock, OrderProperties orders,
            DailyOrderCount dailyOrders, @Value("#{stepExecution.jobExecutionId}") long jobExecutionId) {
        return new ProvisioningPlanner(jdbc, clock, jobExecutionId, orders, dailyOrders.takenToday());
    }

    /** The run's own pool: shut down and awaited at the step's end (ProvisioningStepListener), so nothing outlives it. */
    @Bean
    @StepScope
    ExecutorService provisioningWorkers(TelnyxProperties telnyx) {
        return RunThreads.fixedPool("provisioning-worker", telnyx.maxConcurrentRequests(), false);
    }

    private static boolean isDryRun(String dryRun) {
        return "true".equalsIgnoreCase(dryRun);
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
