package com.numbering.launch;

import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.converter.DefaultJobParametersConverter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.numbering.config.InvalidConfigurationException;

/**
 * Runs the job named by Spring Boot's {@code spring.batch.job.name} ({@code --spring.batch.job.name=…} or
 * {@code SPRING_BATCH_JOB_NAME}). Non-option arguments {@code name=value} become job parameters, as with Boot's
 * own runner. The process exit code is the outcome ({@link ExitCodes}).
 */
@Component
@ConditionalOnProperty(name = "numbering.launch.enabled", havingValue = "true", matchIfMissing = true)
class JobLaunchRunner implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(JobLaunchRunner.class);

    private final JobLaunchService launches;

    private final Environment environment;

    private volatile int exitCode = ExitCodes.OK;

    JobLaunchRunner(JobLaunchService launches, Environment environment) {
        this.launches = launches;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            String jobName = this.environment.getProperty("spring.batch.job.name");
            if (jobName == null || jobName.isBlank()) {
                throw new InvalidConfigurationException("No job chosen: set spring.batch.job.name "
                        + "(SPRING_BATCH_JOB_NAME) to one of " + this.launches.jobNames());
            }
            this.exitCode = this.launches.launch(jobName.trim(), parameters(args)).exitCode();
        }
        catch (InvalidConfigurationException ex) {
            // A message for a human, not a stack trace: nothing was done.
            log.error("Configuration error, nothing was done: {}", ex.getMessage());
            this.exitCode = ExitCodes.CONFIGURATION;
        }
    }

    private static JobParameters parameters(ApplicationArguments args) {
        Properties properties = new Properties();
        for (String arg : args.getNonOptionArgs()) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new InvalidConfigurationException("Job parameter '" + arg + "' is not name=value");
            }
            properties.setProperty(arg.substring(0, eq), arg.substring(eq + 1));
        }
        try {
            return new DefaultJobParametersConverter().getJobParameters(properties);
        }
        catch (RuntimeException unreadable) {
            // "value,type,identifying" is Spring Batch's notation: a stray comma names a type that does not exist
            throw new InvalidConfigurationException("Job parameters " + properties.stringPropertyNames()
                    + " cannot be read (" + unreadable.getMessage() + "); give each as name=value");
        }
    }

    @Override
    public int getExitCode() {
        return this.exitCode;
    }

}
