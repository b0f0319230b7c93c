package com.numbering.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.numbering.NumberingApplication;
import com.numbering.launch.JobLaunchService;

/**
 * One dispatcher of {@link AlertsBenchmark}'s {@code -Ddispatchers=N}, as a process of its own: starts the application,
 * says {@value #READY}, waits until the file {@code -Dgo=…} exists (so that every dispatcher begins together, after
 * the slowest start), runs dispatchAlertsJob once through its {@code JobOperator} (the launcher's per-job lock would
 * keep all but one idle: the point is the shared window when several do send), prints {@value #STATUS} and the
 * run's status, and exits.
 */
public final class DispatcherProcess {

    static final String READY = "DISPATCHER READY";

    static final String STATUS = "DISPATCHER STATUS ";

    private DispatcherProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path go = Path.of(System.getProperty("go"));
        BatchStatus status;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(NumberingApplication.class).run(args)) {
            System.out.println(READY);
            System.out.flush();
            while (!Files.exists(go)) {
                Thread.sleep(1);
            }
            JobParameters parameters = new JobParametersBuilder()
                .addString(JobLaunchService.RUN_AT, Instant.now() + "-" + ProcessHandle.current().pid(), true)
                .toJobParameters();
            status = app.getBean(JobOperator.class)
                .start(app.getBean("dispatchAlertsJob", Job.class), parameters)
                .getStatus();
        }
        System.out.println(STATUS + status);
        System.out.flush();
        System.exit(0);
    }

}
