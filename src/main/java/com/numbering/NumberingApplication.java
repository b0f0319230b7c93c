package com.numbering;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class NumberingApplication {

    public static void main(String[] args) {
        // The pod's exit code is the job's outcome (see launch.JobRunner), not "the JVM ended".
        System.exit(SpringApplication.exit(SpringApplication.run(NumberingApplication.class, args)));
    }

}
