package com.numbering.launch;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Service;

import com.numbering.config.InvalidConfigurationException;
import com.numbering.config.LaunchCheck;
import com.numbering.numbers.OrderLimits;
import com.numbering.support.JobParameterRules;
import com.numbering.support.SpendFence;
import com.numbering.telnyx.TelnyxException;

/**
 * Launches one job the way Kubernetes and ops need it: at most one run of a job at a time (per-job lock), whatever
 * the last run left behind settled first (a run killed while {@code STARTED} recovered, one that can never restart
 * abandoned), a failed run restarted where it stopped, and an exit code that is the job's outcome.
 */
@Service
public class JobLaunchService {

    private static final Logger log = LoggerFactory.getLogger(JobLaunchService.class);

    /** Identifying parameter that makes each scheduled run its own job instance. */
    public static final String RUN_AT = JobParameterRules.RUN_AT;

    private final Map<String, Job> jobs;

    private final List<LaunchCheck> checks;

    private final JobOperator jobOperator;

    private final JobRepository jobRepository;

    private final DataSource dataSource;

    private final Clock clock;

    private final RunMetrics metrics;

    private final GracefulStop stop;

    private final SpendFence fence;

    JobLaunchService(List<Job> jobs, List<LaunchCheck> checks, JobOperator jobOperator, JobRepository jobRepository,
            DataSource dataSource, Clock clock, RunMetrics metrics, GracefulStop stop, SpendFence fence) {
        this.fence = fence;
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, job -> job));
        this.checks = List.copyOf(checks);
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        this.clock = clock;
        this.metrics = metrics;
        this.stop = stop;
    }

    public List<String> jobNames() {
        return this.jobs.keySet().stream().sorted().toList();
    }

    /**
     * @param jobName one of {@link #jobNames()}
     * @param parameters parameters ops passed; when empty and the last run failed, that run is restarted
     * @throws InvalidConfigurationException for an unknown job or configuration that cannot work
     */
    public LaunchResult launch(String jobName, JobParameters parameters) {
        try {
            org.slf4j.MDC.put(RunLogContext.JOB_NAME, jobName);
            return launchLogged(jobName, parameters);
        }
        finally {
            RunLogContext.clear();
        }
    }

    private LaunchResult launchLogged(String jobName, JobParameters parameters) {
        Job job = this.jobs.get(jobName);
        if (job == null) {
            throw new InvalidConfigurationException("Unknown job '" + jobName + "': set spring.batch.job.name "
                    + "(SPRING_BATCH_JOB_NAME) to one of " + jobNames());
        }
        refuseMalformed(job, parameters);
        this.checks.forEach(check -> check.check(jobName));
        Optional<JobLock> lock = JobLock.tryAcquire(this.dataSource, jobName);
        if (lock.isEmpty()) {
            String summary = jobName + " is already running in another process; this launch did nothing.";
            log.warn(summary);
            return new LaunchResult(jobName, null, ExitCodes.OK, summary);
        }
        try (JobLock held = lock.get()) {
            Optional<JobExecution> restartable = settleLastRun(jobName);
            this.metrics.beforeRun(jobName);
            int exitCode = ExitCodes.STARTUP_FAILED;
            this.fence.holding(held.jobName(), held.sessionPid());
            this.stop.launching();
            try {
                JobExecution execution = restartOrStart(job, parameters, restartable);
                LaunchResult result = result(execution);
                exitCode = result.exitCode();
                this.metrics.afterRun(jobName, RunKind.of(parameters), exitCode, execution.getId());
                return result;
            }
            finally {
                this.fence.released();
                this.stop.ended(exitCode);
            }
        }
    }

    /** Before the lock, the metrics or any step: a typo in a parameter stops the launch with exit 78. */
    private static void refuseMalformed(Job job, JobParameters parameters) {
        try {
            job.getJobParametersValidator().validate(parameters);
        }
        catch (InvalidJobParametersException ex) {
            throw new InvalidConfigurationException(ex.getMessage());
        }
    }

    /**
     * Holding the job's lock proves that no live process runs this job, so whatever the last run left behind can be
     * settled here, in one place, before anything is launched:
     * <ul>
     * <li>an execution still "running" died with its pod: marked FAILED, so that it can restart;</li>
     * <li>a step still "running" in an execution that ended (its end never reached a lost database): marked FAILED,
     * because Spring Batch refuses to restart an execution with a running step;</li>
     * <li>an execution or any step whose outcome is UNKNOWN (a failure that could not be rolled back, e.g. PostgreSQL
     * lost during a commit) can never be restarted: the execution is ABANDONED and a new instance resumes the work
     * from the tables, where every intent was committed before its call;</li>
     * </ul>
     * @return the failed scheduled execution to restart where it stopped, if that is what the last run left
     */
    private Optional<JobExecution> settleLastRun(String jobName) {
        for (JobExecution stale : this.jobRepository.findRunningJobExecutions(jobName)) {
            log.warn("{} execution {} was left {} by a process that died; marking it FAILED so that it can restart",
                    jobName, stale.getId(), stale.getStatus());
            this.jobOperator.recover(stale);
        }
        JobInstance last = this.jobRepository.getLastJobInstance(jobName);
        List<JobExecution> executions = last == null ? List.of() : this.jobRepository.getJobExecutions(last);
        JobExecution execution = executions.stream().max(Comparator.comparing(JobExecution::getId)).orElse(null);
        if (execution == null || execution.getStatus().isRunning()) {
            return Optional.empty();
        }
        failStepsLeftRunning(execution);
        List<StepExecution> unknownSteps = lastOfEachStep(executions).stream()
            .filter(step -> step.getStatus() == BatchStatus.UNKNOWN)
            .toList();
        if (execution.getStatus() == BatchStatus.UNKNOWN || !unknownSteps.isEmpty()) {
            abandon(execution, unknownSteps);
            return Optional.empty();
        }
        // Only a scheduled run (no parameter but run.at) is picked up again by a scheduled launch: a failed ad-hoc
        // run (a dry run, say) must not take the place of the real one.
        return Optional.of(execution)
            .filter(e -> e.getStatus() == BatchStatus.FAILED || e.getStatus() == BatchStatus.STOPPED)
            .filter(e -> e.getJobParameters().parameters().stream().allMatch(p -> RUN_AT.equals(p.name())));
    }

    private void failStepsLeftRunning(JobExecution execution) {
        for (StepExecution step : execution.getStepExecutions()) {
            BatchStatus left = step.getStatus();
            if (left.isRunning()) {
                log.warn("{} execution {}: step {} was left {} (its end could not be recorded, e.g. the database was "
                        + "lost); marking it FAILED so that the execution can restart",
                        execution.getJobInstance().getJobName(), execution.getId(), step.getStepName(), left);
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription("left " + left
                        + " by a run whose end could not be recorded"));
                step.setEndTime(LocalDateTime.now(this.clock));
                this.jobRepository.update(step);
            }
        }
    }

    /** What a restart of an instance would look at: the latest execution of each step, across its executions. */
    private static List<StepExecution> lastOfEachStep(List<JobExecution> executions) {
        return executions.stream()
            .flatMap(execution -> execution.getStepExecutions().stream())
            .collect(Collectors.toMap(StepExecution::getStepName, step -> step,
                    (one, other) -> one.getId() > other.getId() ? one : other))
            .values()
            .stream()
            .toList();
    }

    private void abandon(JobExecution execution, List<StepExecution> unknownSteps) {
        String jobName = execution.getJobInstance().getJobName();
        log.warn("{} execution {} ended {}{} (its outcome could not be recorded, e.g. the database was lost during a "
                + "commit); Spring Batch cannot restart it: marking it ABANDONED and starting a new instance, which "
                + "resumes the work from the tables", jobName, execution.getId(), execution.getStatus(),
                unknownSteps.isEmpty() ? ""
                        : ", step " + unknownSteps.stream().map(StepExecution::getStepName).toList() + " UNKNOWN");
        for (StepExecution step : unknownSteps) {
            step.setStatus(BatchStatus.ABANDONED);
            step.setExitStatus(step.getExitStatus().addExitDescription("abandoned: its outcome was UNKNOWN"));
            this.jobRepository.update(step);
        }
        execution.setStatus(BatchStatus.ABANDONED);
        this.jobRepository.update(execution);
    }

    private JobExecution restartOrStart(Job job, JobParameters parameters, Optional<JobExecution> failed) {
        try {
            if (parameters.isEmpty() && failed.isPresent() && job.isRestartable()) {
                log.info("{}: restarting failed execution {} where it stopped", job.getName(), failed.get().getId());
                return this.jobOperator.restart(failed.get());
            }
            JobParameters run = new JobParametersBuilder(parameters)
                .addString(RUN_AT, this.clock.instant().toString(), true)
                .toJobParameters();
            return this.jobOperator.start(job, run);
        }
        catch (Exception ex) {
            // The job could not even begin (its parameters, its repository): not a job failure to restart later.
            throw new IllegalStateException(job.getName() + " could not be launched: " + ex.getMessage(), ex);
        }
    }

    private LaunchResult result(JobExecution execution) {
        BatchStatus status = execution.getStatus();
        int exitCode = status == BatchStatus.FAILED && execution.getAllFailureExceptions()
            .stream()
            .anyMatch(ex -> ExitCodes.of(ex) == ExitCodes.CONFIGURATION) ? ExitCodes.CONFIGURATION
                    : ExitCodes.of(status);
        if (exitCode == ExitCodes.OK
                && OrderLimits.STOPPED_EXIT_STATUS.equals(execution.getExitStatus().getExitCode())) {
            exitCode = ExitCodes.ORDERING_STOPPED;
        }
        String summary = summarize(execution);
        if (exitCode == ExitCodes.OK) {
            log.info(summary);
        }
        else {
            log.error(summary);
        }
        return new LaunchResult(execution.getJobInstance().getJobName(), execution, exitCode, summary);
    }

    /**
     * "Unable to process chunk" says nothing: the classified Telnyx failure (already redacted) or, failing that, the
     * innermost cause says what to fix.
     */
    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (!(cause instanceof TelnyxException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String summarize(JobExecution execution) {
        StringBuilder line = new StringBuilder();
        line.append(execution.getJobInstance().getJobName()).append(' ').append(execution.getStatus());
        if (execution.getStartTime() != null && execution.getEndTime() != null) {
            Duration took = Duration.between(execution.getStartTime(), execution.getEndTime());
            line.append(" in ").append(took.toMillis()).append(" ms");
        }
        line.append(" (execution ").append(execution.getId()).append(')');
        for (StepExecution step : execution.getStepExecutions()) {
            line.append("; ")
                .append(step.getStepName())
                .append(": read ")
                .append(step.getReadCount())
                .append(", written ")
                .append(step.getWriteCount())
                .append(", skipped ")
                .append(step.getSkipCount());
        }
        execution.getAllFailureExceptions()
            .stream()
            .findFirst()
            .ifPresent(ex -> line.append("; failure: ").append(rootCause(ex).getMessage()));
        return line.toString();
    }

}
