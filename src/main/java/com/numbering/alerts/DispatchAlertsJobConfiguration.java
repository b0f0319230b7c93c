package com.numbering.alerts;

import java.time.Duration;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.numbering.support.JobParameterRules;

/**
 * {@code dispatchAlertsJob}: claims and sends due alerts until none is due, the daily budget is used up, or the
 * shared number cannot send; then reads back what became of alerts sent earlier. Tasklets rather than chunk steps:
 * pacing spans the whole run, and a chunk would add nothing but a retry that must never happen here. Like every
 * step of this service, they run without a database transaction (Spring Batch's resourceless one): each statement
 * commits by itself, so {@code sending} is durable before the request leaves. Due alerts go first: they have deadlines, the delivery
 * check does not.
 */
@Configuration(proxyBeanMethods = false)
class DispatchAlertsJobConfiguration {

    @Bean
    Job dispatchAlertsJob(JobRepository jobRepository, Step dispatchAlertsStep, Step checkAlertDeliveryStep) {
        return new JobBuilder("dispatchAlertsJob", jobRepository).validator(JobParameterRules.none("dispatchAlertsJob"))
            .start(dispatchAlertsStep)
            .next(checkAlertDeliveryStep)
            .build();
    }

    @Bean
    Step dispatchAlertsStep(JobRepository jobRepository, DispatchAlertsTasklet dispatchAlertsTasklet) {
        // A restarted run (the last one failed or was stopped) sends what is due now, even if the failed run had
        // finished this step: skipping it would leave due alerts for the next schedule. The outbox makes it safe.
        return new StepBuilder("dispatchAlertsStep", jobRepository).tasklet(dispatchAlertsTasklet)
            .allowStartIfComplete(true)
            .build();
    }

    @Bean
    Step checkAlertDeliveryStep(JobRepository jobRepository, DeliveryCheck deliveryCheck, AlertsProperties properties) {
        return new StepBuilder("checkAlertDeliveryStep", jobRepository).tasklet((contribution, chunk) -> {
            // The run budget covers the whole run, sends first: what the dispatch step used is not read back for.
            Duration left = RunBudget.leftOf(properties.runBudget(),
                    contribution.getStepExecution().getJobExecution().getStartTime());
            deliveryCheck.run(left).forEach((result, count) -> contribution.getStepExecution()
                .getExecutionContext()
                .putInt(result.name().toLowerCase(), count));
            return RepeatStatus.FINISHED;
        }).allowStartIfComplete(true).build();
    }

}
