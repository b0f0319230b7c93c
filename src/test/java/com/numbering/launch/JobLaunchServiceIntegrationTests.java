package com.numbering.launch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.numbering.LocalModeTest;
import com.numbering.config.InvalidConfigurationException;
import com.numbering.support.SpendFence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@LocalModeTest
@ExtendWith(OutputCaptureExtension.class)
class JobLaunchServiceIntegrationTests {

    private static final String JOB = "provisionVoiceNumbersJob";

    @Autowired
    private JobLaunchService launches;

    @Autowired
    private JobRepository jobRepository;

    @Autowired
    private DataSource dataSource;

    @Test
    void aSecondLaunchWhileTheJobRunsElsewhereExitsCleanlyWithoutWorking() throws Exception {
        // given another process holds the job's lock
        long executionsBefore = executions();
        try (Connection other = this.dataSource.getConnection();
                PreparedStatement lock = other
                    .prepareStatement("SELECT pg_advisory_lock(hashtext('numbering-job'), hashtext(?))")) {
            lock.setString(1, JOB);
            lock.execute();

            // when
            LaunchResult result = this.launches.launch(JOB, new JobParameters());

            // then
            assertThat(result.ran()).isFalse();
            assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(result.summary()).contains("already running");
            assertThat(executions()).isEqualTo(executionsBefore);
            other.createStatement().execute("SELECT pg_advisory_unlock_all()");
        }
    }

    @Autowired
    private SpendFence fence;

    @Test
    void theFenceRefusesToSpendOnceTheLocksSessionIsGone() throws Exception {
        // given this process holds a job's lock on a session of its own (outside the pool: it will be killed)
        int pid;
        com.zaxxer.hikari.HikariDataSource pool = (com.zaxxer.hikari.HikariDataSource) this.dataSource;
        try (Connection lockSession = java.sql.DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(),
                pool.getPassword())) {
            try (PreparedStatement lock = lockSession
                .prepareStatement("SELECT pg_advisory_lock(hashtext('numbering-job'), hashtext('fencedJob'))")) {
                lock.execute();
            }
            try (var rs = lockSession.createStatement().executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            this.fence.holding("fencedJob", pid);
            this.fence.check("POST /number_orders");

            // when the session is lost (failover, idle timeout, pg_terminate_backend)
            try (Connection admin = this.dataSource.getConnection()) {
                // waits (up to 5 s) until the session has really ended and its lock is gone
                admin.createStatement().execute("SELECT pg_terminate_backend(" + pid + ", 5000)");
            }

            // then nothing more may be spent
            SpendFence.LockLostException lost = catchThrowableOfType(SpendFence.LockLostException.class,
                    () -> this.fence.check("POST /number_orders"));
            assertThat(lost).isNotNull();
            assertThat(lost.getMessage()).contains("fencedJob lost its lock").contains("Refusing POST /number_orders");
        }
        catch (java.sql.SQLException closedByTermination) {
            // closing the terminated session's connection may complain; the assertions above ran
        }
        finally {
            this.fence.released();
        }
    }

    @Test
    void anExecutionLeftStartedByAKilledProcessIsRecoveredAndRestarted() {
        // given an execution that a killed pod left STARTED
        JobParameters parameters = new JobParametersBuilder().addString(JobLaunchService.RUN_AT, "killed-" + System.nanoTime())
            .toJobParameters();
        JobInstance instance = this.jobRepository.createJobInstance(JOB, parameters);
        JobExecution stale = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        stale.setStatus(BatchStatus.STARTED);
        stale.setStartTime(LocalDateTime.now().minusHours(1));
        this.jobRepository.update(stale);

        // when the next scheduled run comes
        LaunchResult result = this.launches.launch(JOB, new JobParameters());

        // then the stale one is FAILED and its instance ran to completion
        assertThat(this.jobRepository.getJobExecution(stale.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(result.execution().getJobInstance().getInstanceId()).isEqualTo(instance.getInstanceId());
        assertThat(this.jobRepository.findRunningJobExecutions(JOB)).isEmpty();
    }

    @Test
    void aFailedRunWhoseStepWasLeftStartedByALostDatabaseIsRestarted() {
        // given a run that failed when PostgreSQL went away: its own end recorded, its step's end lost
        JobParameters parameters = new JobParametersBuilder().addString(JobLaunchService.RUN_AT, "db-lost-" + System.nanoTime())
            .toJobParameters();
        JobInstance instance = this.jobRepository.createJobInstance(JOB, parameters);
        JobExecution failed = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        StepExecution step = this.jobRepository.createStepExecution("provisionVoiceNumbersStep", failed);
        step.setStatus(BatchStatus.STARTED);
        step.setStartTime(LocalDateTime.now().minusMinutes(5));
        this.jobRepository.update(step);
        end(failed, BatchStatus.FAILED);

        // when the next scheduled run comes
        LaunchResult result = this.launches.launch(JOB, new JobParameters());

        // then the stale step is FAILED and the failed instance was restarted to completion
        assertThat(this.jobRepository.getStepExecution(failed.getId(), step.getId()).getStatus())
            .isEqualTo(BatchStatus.FAILED);
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(result.execution().getJobInstance().getInstanceId()).isEqualTo(instance.getInstanceId());
    }

    @Test
    void aFailedRunWhoseStepEndedUnknownIsAbandonedAndANewInstanceDoesTheWork(CapturedOutput output) {
        // given a run that failed when PostgreSQL went away during a chunk's commit: the rollback failed too, so
        // Spring Batch recorded its step UNKNOWN ("Cannot restart step from UNKNOWN status")
        JobParameters parameters = new JobParametersBuilder().addString(JobLaunchService.RUN_AT, "commit-lost-" + System.nanoTime())
            .toJobParameters();
        JobInstance instance = this.jobRepository.createJobInstance(JOB, parameters);
        JobExecution failed = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        StepExecution step = endedStep(failed, BatchStatus.UNKNOWN);
        end(failed, BatchStatus.FAILED);

        // when the next scheduled run comes
        LaunchResult result = this.launches.launch(JOB, new JobParameters());

        // then the failed instance is given up (it can never restart) and a new instance completed the work
        assertThat(this.jobRepository.getJobExecution(failed.getId()).getStatus()).isEqualTo(BatchStatus.ABANDONED);
        assertThat(this.jobRepository.getStepExecution(failed.getId(), step.getId()).getStatus())
            .isEqualTo(BatchStatus.ABANDONED);
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(result.execution().getJobInstance().getInstanceId()).isNotEqualTo(instance.getInstanceId());
        // and ops read why (README, exit code 7)
        assertThat(output).contains("execution " + failed.getId()
                + " ended FAILED, step [provisionVoiceNumbersStep] UNKNOWN").contains("marking it ABANDONED");
    }

    @Test
    void aStepLeftUnknownByAnEarlierExecutionOfTheInstanceStillLeadsToANewInstance() {
        // given an execution whose step ended UNKNOWN, then a restart of it that failed before reaching that step
        // (a restart would look at the step's latest execution across the instance: still UNKNOWN)
        JobParameters parameters = new JobParametersBuilder().addString(JobLaunchService.RUN_AT, "commit-lost-" + System.nanoTime())
            .toJobParameters();
        JobInstance instance = this.jobRepository.createJobInstance(JOB, parameters);
        JobExecution first = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        endedStep(first, BatchStatus.UNKNOWN);
        end(first, BatchStatus.FAILED);
        JobExecution restart = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        end(restart, BatchStatus.FAILED);

        // when the next scheduled run comes
        LaunchResult result = this.launches.launch(JOB, new JobParameters());

        // then
        assertThat(this.jobRepository.getJobExecution(restart.getId()).getStatus()).isEqualTo(BatchStatus.ABANDONED);
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.execution().getJobInstance().getInstanceId()).isNotEqualTo(instance.getInstanceId());
    }

    private StepExecution endedStep(JobExecution execution, BatchStatus status) {
        StepExecution step = this.jobRepository.createStepExecution("provisionVoiceNumbersStep", execution);
        step.setStatus(status);
        step.setStartTime(LocalDateTime.now().minusMinutes(5));
        step.setEndTime(LocalDateTime.now().minusMinutes(4));
        this.jobRepository.update(step);
        return step;
    }

    private void end(JobExecution execution, BatchStatus status) {
        execution.setStatus(status);
        execution.setStartTime(LocalDateTime.now().minusMinutes(5));
        execution.setEndTime(LocalDateTime.now().minusMinutes(4));
        this.jobRepository.update(execution);
    }

    @Test
    void anExecutionWhoseOutcomeIsUnknownIsAbandonedAndANewInstanceDoesTheWork(CapturedOutput output) {
        // given an execution that ended UNKNOWN (PostgreSQL was lost while it ran)
        JobParameters parameters = new JobParametersBuilder().addString(JobLaunchService.RUN_AT, "lost-" + System.nanoTime())
            .toJobParameters();
        JobInstance instance = this.jobRepository.createJobInstance(JOB, parameters);
        JobExecution unknown = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        end(unknown, BatchStatus.UNKNOWN);

        // when the next scheduled run comes
        LaunchResult result = this.launches.launch(JOB, new JobParameters());

        // then the unknown one is ABANDONED (no longer undecided) and a new instance completed
        assertThat(this.jobRepository.getJobExecution(unknown.getId()).getStatus()).isEqualTo(BatchStatus.ABANDONED);
        assertThat(output).contains("execution " + unknown.getId() + " ended UNKNOWN")
            .contains("marking it ABANDONED and starting a new instance");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.execution().getJobInstance().getInstanceId()).isNotEqualTo(instance.getInstanceId());
    }

    @Test
    void aFailedAdHocRunIsNotWhatTheNextScheduledLaunchRestarts() {
        // given an ad-hoc run (with a parameter of its own) that failed
        JobParameters adHoc = new JobParametersBuilder().addString("reason", "manual-" + System.nanoTime())
            .addString(JobLaunchService.RUN_AT, "adhoc-" + System.nanoTime())
            .toJobParameters();
        JobInstance instance = this.jobRepository.createJobInstance(JOB, adHoc);
        JobExecution failed = this.jobRepository.createJobExecution(instance, adHoc, new ExecutionContext());
        failed.setStatus(BatchStatus.FAILED);
        failed.setEndTime(LocalDateTime.now());
        this.jobRepository.update(failed);

        // when the schedule launches the job
        LaunchResult scheduled = this.launches.launch(JOB, new JobParameters());

        // then it is a new run, and the ad-hoc one stays as it was
        assertThat(scheduled.execution().getJobInstance().getInstanceId()).isNotEqualTo(instance.getInstanceId());
        assertThat(scheduled.execution().getJobParameters().getParameter("reason")).isNull();
        assertThat(this.jobRepository.getJobExecution(failed.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
    }

    @Test
    void aCompletedRunIsFollowedByANewInstance() {
        LaunchResult first = this.launches.launch(JOB, new JobParameters());
        LaunchResult second = this.launches.launch(JOB, new JobParameters());

        assertThat(first.exitCode()).isZero();
        assertThat(second.exitCode()).isZero();
        assertThat(second.execution().getJobInstance().getInstanceId())
            .isNotEqualTo(first.execution().getJobInstance().getInstanceId());
    }

    @Test
    void anUnknownJobIsAConfigurationErrorThatNamesTheJobs() {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> this.launches.launch("provisionEverythingJob", new JobParameters()));

        assertThat(error.getMessage()).contains("SPRING_BATCH_JOB_NAME").contains(JOB);
    }

    private long executions() {
        return this.jobRepository.getJobInstances(JOB, 0, 10_000)
            .stream()
            .mapToLong(instance -> this.jobRepository.getJobExecutions(instance).size())
            .sum();
    }

}
