package com.numbering.sms;

import java.time.Clock;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.numbering.config.LaunchCheck;
import com.numbering.nanp.NanpDirectory;
import com.numbering.numbers.CustomerReferences;
import com.numbering.numbers.DailyOrderCount;
import com.numbering.numbers.NumberPurchaser;
import com.numbering.numbers.OrderProperties;
import com.numbering.numbers.SearchLadder;
import com.numbering.support.JobParameterRules;
import com.numbering.support.SpendFence;
import com.numbering.telnyx.TelnyxGateway;

/**
 * {@code setupSharedSmsNumberJob}: idempotent, cheap to run on every schedule.
 */
@Configuration(proxyBeanMethods = false)
class SharedSmsJobConfiguration {

    static final String JOB_NAME = "setupSharedSmsNumberJob";

    @Bean
    Job setupSharedSmsNumberJob(JobRepository jobRepository, Step setupSharedSmsNumberStep) {
        return new JobBuilder(JOB_NAME, jobRepository).validator(JobParameterRules.none(JOB_NAME))
            .start(setupSharedSmsNumberStep)
            .build();
    }

    @Bean
    Step setupSharedSmsNumberStep(JobRepository jobRepository, SharedSmsNumberSetup sharedSmsNumberSetup) {
        return new StepBuilder("setupSharedSmsNumberStep", jobRepository).tasklet((contribution, chunk) -> {
            contribution.getStepExecution()
                .getExecutionContext()
                .putString("campaign", sharedSmsNumberSetup.run().assignmentStatus());
            return RepeatStatus.FINISHED;
        }).build();
    }

    @Bean
    SharedSmsNumberSetup sharedSmsNumberSetup(TelnyxGateway telnyx, SystemConfigRepository config, SmsProperties sms,
            NanpDirectory nanp, NumberPurchaser smsNumberPurchaser, SearchLadder ladder,
            MessagingProfileKeeper profiles, Clock clock, MeterRegistry meters, OrderProperties orders,
            DailyOrderCount dailyOrders, SpendFence fence, CustomerReferences references) {
        return new SharedSmsNumberSetup(telnyx, config, sms, nanp, smsNumberPurchaser, ladder, profiles, clock, meters,
                orders, dailyOrders, fence, references);
    }

    @Bean
    NumberPurchaser smsNumberPurchaser(TelnyxGateway telnyx, Clock clock, SmsProperties sms) {
        return new NumberPurchaser(telnyx, clock, sms.orderPollInterval(), sms.orderPollTimeout());
    }

    @Bean
    LaunchCheck smsConfigurationCheck(SmsProperties sms, NanpDirectory nanp) {
        return new SmsConfigurationCheck(Set.of(JOB_NAME), sms, nanp);
    }

}
