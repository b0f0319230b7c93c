package com.numbering;

import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import com.numbering.launch.ExitCodes;

@SpringBootApplication
@ConfigurationPropertiesScan
public class NumberingApplication {

    public static void main(String[] args) {
        // The pod's exit code is the job's outcome (launch.JobLaunchRunner), not "the JVM ended". Start-up failures
        // are logged by Spring Boot (with its failure analysis); bad configuration gets its own exit code.
        int exitCode;
        try {
            exitCode = SpringApplication.exit(SpringApplication.run(NumberingApplication.class, args));
        }
        catch (SpringApplication.AbandonedRunException buildTime) {
            // The build's ahead-of-time processing (process-aot) runs main() and abandons the run once the context
            // is prepared: that is its way out, not a failure of ours.
            throw buildTime;
        }
        catch (Throwable failure) {
            exitCode = ExitCodes.of(failure);
            // Spring's exception chain buries it: one line a person reads first (e.g. the tenants table refused).
            ExitCodes.configurationError(failure)
                .ifPresent(message -> LoggerFactory.getLogger(NumberingApplication.class)
                    .error("Configuration error, nothing was done: {}", message));
        }
        System.exit(exitCode);
    }

}
