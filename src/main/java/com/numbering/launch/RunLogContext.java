package com.numbering.launch;

import org.slf4j.MDC;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts the job's name and execution id on every log record of a run (MDC {@code job.name},
 * {@code job.execution.id}: fields of their own in the JSON logs), on every job without touching its configuration.
 * Pools made by {@code support.RunThreads} carry it to their threads.
 */
final class RunLogContext implements BeanPostProcessor, JobExecutionListener {

    private final org.springframework.beans.factory.ObjectProvider<GracefulStop> stops;

    RunLogContext(org.springframework.beans.factory.ObjectProvider<GracefulStop> stops) {
        this.stops = stops;
    }

    static final String JOB_NAME = "job.name";

    static final String EXECUTION_ID = "job.execution.id";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(this);
        }
        return bean;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        MDC.put(JOB_NAME, execution.getJobInstance().getJobName());
        MDC.put(EXECUTION_ID, String.valueOf(execution.getId()));
        this.stops.ifAvailable(stop -> stop.began(execution));
    }

    @Override
    public void afterJob(JobExecution execution) {
        // the launch service's summary line still belongs to the run: it clears both when the launch ends
    }

    static void clear() {
        MDC.remove(JOB_NAME);
        MDC.remove(EXECUTION_ID);
    }

}
