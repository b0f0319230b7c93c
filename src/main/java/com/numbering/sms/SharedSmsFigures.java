package com.numbering.sms;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import com.numbering.metrics.JobFigures;
import com.numbering.metrics.MeterDescriptions;

/** What a shared SMS number run pushes: the campaign's assignment (once observed) and the profile repairs. */
@Component
class SharedSmsFigures implements JobFigures {

    @Bean
    static MeterDescriptions sharedSmsMeterDescriptions() {
        return new MeterDescriptions(Map.of(
                "numbering.sms.campaign.assigned",
                "1 when the shared number's 10DLC campaign is assigned, 0 when this run saw it is not",
                "numbering.sms.profile.repairs", "Messaging profile settings put back by this run"));
    }

    @Override
    public String jobName() {
        return SharedSmsJobConfiguration.JOB_NAME;
    }

    @Override
    public List<String> meterPrefixes() {
        return List.of("numbering_sms_campaign_", "numbering_sms_profile_");
    }

    @Override
    public void beforeRun(MeterRegistry meters) {
        Counter.builder("numbering.sms.profile.repairs").register(meters);
    }

}
