package com.numbering;

import org.junit.jupiter.api.AfterEach;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.launch.JobLaunchService;
import com.numbering.launch.LaunchResult;
import com.numbering.telnyx.sandbox.TelnyxSimulator;

/**
 * What every end-to-end job test class shares: the local-mode context (one database, one simulator), the job it
 * launches as the schedule would, and a simulator whose injections are undone after each test.
 */
@LocalModeTest
public abstract class JobTestSupport {

    @Autowired
    protected JobLaunchService launches;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected TelnyxSimulator simulator;

    private final String job;

    protected JobTestSupport(String job) {
        this.job = job;
    }

    @AfterEach
    void undoSimulatorInjections() {
        this.simulator.control().reset();
    }

    /** The job under test, launched as the schedule launches it (no parameters). */
    protected LaunchResult launch() {
        return launch(this.job);
    }

    protected LaunchResult launch(String jobName) {
        return this.launches.launch(jobName, new JobParameters());
    }

}
