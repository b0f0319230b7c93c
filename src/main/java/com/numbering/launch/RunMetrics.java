package com.numbering.launch;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.numbering.metrics.JobFigures;
import com.numbering.metrics.StateGauges;

/**
 * What a run tells the Pushgateway when it ends, and only that: the meters its own job owns ({@link JobFigures}, which
 * each job module contributes), the job's last success (from the job repository, so a failed run cannot move it), its
 * exit code, and the states its job owns read from PostgreSQL. Group
 * {@code job/numbering/batch_job/<job>/run_kind/<scheduled|adhoc|dryrun>}, replaced (PUT) by the next run of the same
 * kind. A launch that did nothing (lock held elsewhere) pushes nothing.
 */
@Component
class RunMetrics {

    private static final Logger log = LoggerFactory.getLogger(RunMetrics.class);

    /** Meter name prefixes (Prometheus names) every job's push carries, besides its own. */
    static final List<String> COMMON = List.of("numbering_job_", "numbering_telnyx_", "spring_batch_");

    private final MeterRegistry meters;

    private final ObjectProvider<PrometheusMeterRegistry> prometheus;

    private final LastSuccessQuery lastSuccess;

    private final MetricsProperties properties;

    private final Map<String, JobFigures> figures;

    private final StateGauges gauges;

    RunMetrics(MeterRegistry meters, ObjectProvider<PrometheusMeterRegistry> prometheus, JdbcTemplate jdbc,
            MetricsProperties properties, List<JobFigures> figures) {
        this.meters = meters;
        this.prometheus = prometheus;
        this.lastSuccess = new LastSuccessQuery(jdbc);
        this.properties = properties;
        this.figures = figures.stream().collect(Collectors.toUnmodifiableMap(JobFigures::jobName, Function.identity()));
        this.gauges = new StateGauges(meters);
    }

    /** Counters at zero before the run, so that their series exist from the first run (and carry HELP). */
    void beforeRun(String jobName) {
        JobFigures job = this.figures.get(jobName);
        if (job != null) {
            job.beforeRun(this.meters);
        }
    }

    /** After a run that held the lock: the job's figures, then the push (if enabled). */
    void afterRun(String jobName, RunKind kind, int exitCode, Long executionId) {
        try {
            recordJob(jobName, kind, exitCode);
            JobFigures job = this.figures.get(jobName);
            if (job != null) {
                job.afterRun(this.gauges, executionId);
            }
        }
        catch (RuntimeException ex) {
            log.warn("{}: could not read the figures for the dashboard: {}", jobName, ex.getMessage());
        }
        if (this.properties.enabled()) {
            push(jobName, kind);
        }
    }

    private void recordJob(String jobName, RunKind kind, int exitCode) {
        Instant last = this.lastSuccess.lastSuccess(jobName, kind == RunKind.SCHEDULED);
        this.gauges.set("numbering.job.last.success.timestamp", "seconds",
                "When this job last completed (Unix time), from the job repository; 0 if it never has",
                Tags.empty(), last == null ? 0 : last.getEpochSecond());
        this.gauges.set("numbering.job.last.exit.code", null,
                "Exit code of the job's last run (README \"Exit codes\"): 0 ok, 75 stopped, 5 failed, 78 configuration",
                Tags.empty(), exitCode);
    }

    private void push(String jobName, RunKind kind) {
        PrometheusMeterRegistry registry = this.prometheus.getIfAvailable();
        if (registry == null) {
            log.warn("{}: no Prometheus registry, nothing pushed", jobName);
            return;
        }
        Predicate<String> owned = owned(jobName);
        PushGateway gateway = PushGateway.builder()
            .address(this.properties.address())
            .job(this.properties.job())
            .groupingKey("batch_job", jobName)
            .groupingKey("run_kind", kind.label())
            .format(Format.PROMETHEUS_TEXT)
            .connectionTimeout(this.properties.timeout())
            .readTimeout(this.properties.timeout())
            .build();
        try {
            gateway.push(() -> registry.getPrometheusRegistry().scrape(owned));
        }
        catch (IOException | RuntimeException ex) {
            // The run's outcome stands; a dashboard gap is better than a failed pod.
            log.warn("{}: metrics not pushed to {}: {}", jobName, this.properties.address(), ex.getMessage());
        }
    }

    private Predicate<String> owned(String jobName) {
        List<String> prefixes = new ArrayList<>(COMMON);
        JobFigures job = this.figures.get(jobName);
        if (job != null) {
            prefixes.addAll(job.meterPrefixes());
        }
        return name -> prefixes.stream().anyMatch(name::startsWith);
    }

}
