package com.numbering.launch;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a run tells the Pushgateway when it ends, and only that: the meters its own job owns, the job's last success
 * (from the job repository, so a failed run cannot move it), its exit code, and the states its job owns read from
 * PostgreSQL. Group {@code job/numbering/batch_job/<job>/run_kind/<scheduled|adhoc|dryrun>}, replaced (PUT) by the
 * next run of the same kind. A launch that did nothing (lock held elsewhere) pushes nothing.
 */
@Component
class RunMetrics {

    private static final Logger log = LoggerFactory.getLogger(RunMetrics.class);

    /** Meter name prefixes (Prometheus names) each job owns; every job owns the {@link #COMMON} ones. */
    static final Map<String, List<String>> OWNED = Map.of(
            "provisionVoiceNumbersJob", List.of("numbering_provisioning_", "numbering_tenants"),
            "setupSharedSmsNumberJob", List.of("numbering_sms_campaign_", "numbering_sms_profile_"),
            "dispatchAlertsJob", List.of("numbering_alerts_", "numbering_sms_segments_"),
            "reconcileInventoryJob", List.of("numbering_reconciliation_", "numbering_numbers_owned"));

    static final List<String> OUTBOX_STATUSES = List.of("queued", "claimed", "sending", "sent", "failed", "expired",
            "suppressed", "cancelled", "unknown");

    static final List<String> FINDING_KINDS = List.of("pending-order-completed", "pending-order-failed",
            "unrecorded-purchase", "duplicate-purchase", "number-gone", "wrong-connection", "sms-profile-drift",
            "unowned-number", "inactive-tenant-number");

    static final List<String> COMMON = List.of("numbering_job_", "numbering_telnyx_", "spring_batch_");

    private final MeterRegistry meters;

    private final ObjectProvider<PrometheusMeterRegistry> prometheus;

    private final JobStateQueries states;

    private final MetricsProperties properties;

    private final Environment environment;

    private final Clock clock;

    private final Map<String, double[]> gauges = new java.util.concurrent.ConcurrentHashMap<>();

    RunMetrics(MeterRegistry meters, ObjectProvider<PrometheusMeterRegistry> prometheus, JdbcTemplate jdbc,
            MetricsProperties properties, Environment environment, Clock clock) {
        this.meters = meters;
        this.prometheus = prometheus;
        this.states = new JobStateQueries(jdbc);
        this.properties = properties;
        this.environment = environment;
        this.clock = clock;
    }

    /** Counters at zero before the run, so that their series exist from the first run (and carry HELP). */
    void beforeRun(String jobName) {
        switch (jobName) {
            case "provisionVoiceNumbersJob" -> List.of("active", "pending", "retry", "failed")
                .forEach(result -> counter("numbering.provisioning.tenants", "result", result));
            case "setupSharedSmsNumberJob" -> Counter.builder("numbering.sms.profile.repairs").register(this.meters);
            case "dispatchAlertsJob" -> {
                List.of("sent", "suppressed", "expired", "refused", "failed", "retry", "held", "unknown", "skipped")
                    .forEach(outcome -> counter("numbering.alerts.dispatched", "outcome", outcome));
                counter("numbering.alerts.held", "reason", "daily_budget");
                List.of("delivered", "delivery_failed", "sending_failed")
                    .forEach(status -> counter("numbering.alerts.delivery", "status", status));
                counter("numbering.alerts.delivery.failed", "code", "none");
                Counter.builder("numbering.alerts.runs.budget.spent").register(this.meters);
            }
            default -> {
            }
        }
    }

    private void counter(String name, String tag, String value) {
        Counter.builder(name).tag(tag, value).register(this.meters);
    }

    /** After a run that held the lock: the job's figures, then the push (if enabled). */
    void afterRun(String jobName, RunKind kind, int exitCode, Long executionId) {
        try {
            recordJob(jobName, kind, exitCode);
            recordStates(jobName, executionId);
        }
        catch (RuntimeException ex) {
            log.warn("{}: could not read the figures for the dashboard: {}", jobName, ex.getMessage());
        }
        if (this.properties.enabled()) {
            push(jobName, kind);
        }
    }

    private void recordJob(String jobName, RunKind kind, int exitCode) {
        Instant last = this.states.lastSuccess(jobName, kind == RunKind.SCHEDULED);
        gauge("numbering.job.last.success.timestamp", "seconds",
                "When this job last completed (Unix time), from the job repository; 0 if it never has",
                Tags.empty(), last == null ? 0 : last.getEpochSecond());
        gauge("numbering.job.last.exit.code", null,
                "Exit code of the job's last run (README \"Exit codes\"): 0 ok, 75 stopped, 5 failed, 78 configuration",
                Tags.empty(), exitCode);
    }

    private void recordStates(String jobName, Long executionId) {
        Instant now = this.clock.instant();
        switch (jobName) {
            case "provisionVoiceNumbersJob" -> {
                this.states.tenantsByStatusAndTier()
                    .forEach(count -> gauge("numbering.tenants", null, "Active tenants by voice number status and tier",
                            Tags.of("voice_status", count.labels().get(0), "tier", count.labels().get(1)),
                            count.value()));
                this.states.orderOutcomesUnknown()
                    .forEach((escalated, count) -> gauge("numbering.provisioning.orders.outcome.unknown", null,
                            "Tenants whose number order has an outcome not yet learnt; escalated=true: a human checks "
                                    + "Telnyx (README \"Unknown outcomes\")",
                            Tags.of("escalated", escalated), count));
            }
            case "dispatchAlertsJob" -> {
                Map<String, Long> outbox = new java.util.TreeMap<>();
                OUTBOX_STATUSES.forEach(status -> outbox.put(status, 0L));
                this.states.outboxByStatus().forEach(count -> outbox.put(count.labels().get(0), count.value()));
                outbox.forEach((status, count) -> gauge("numbering.alerts.outbox", null,
                        "Client alerts in the outbox by status", Tags.of("status", status), count));
                gauge("numbering.alerts.oldest.due.age", "seconds",
                        "How long the oldest due, unsent client alert has waited; 0 if none", Tags.empty(),
                        this.states.oldestDueAlertAgeSeconds(now));
                gauge("numbering.sms.segments.used.today", null, "SMS segments sent today (UTC) by the shared number",
                        Tags.empty(), this.states.segmentsUsedToday(now));
                gauge("numbering.sms.segments.budget", null, "SMS segments the shared number may send per UTC day",
                        Tags.empty(), this.environment.getProperty("numbering.alerts.daily-segment-budget",
                                Long.class, 0L));
            }
            case "reconcileInventoryJob" -> {
                this.states.numbersOwned()
                    .forEach(count -> gauge("numbering.numbers.owned", null,
                            "Telnyx numbers by owner: tenant, shared_sms, unowned, inactive_tenant (last reconciliation)",
                            Tags.of("kind", count.labels().get(0)), count.value()));
                Map<String, Long> findings = new java.util.TreeMap<>();
                FINDING_KINDS.forEach(kind -> findings.put(kind, 0L));
                if (executionId != null) {
                    this.states.findingsOf(executionId).forEach(count -> findings.put(count.labels().get(0), count.value()));
                }
                findings.forEach((kind, count) -> gauge("numbering.reconciliation.last.findings", null,
                        "What this reconciliation run found, by kind (reconciliation_findings)", Tags.of("kind", kind),
                        count));
            }
            default -> {
            }
        }
    }

    private void gauge(String name, String unit, String help, Tags tags, double value) {
        // One holder per series: a process that runs several jobs (demo mode) updates the gauge it registered.
        double[] holder = this.gauges.computeIfAbsent(name + tags, key -> {
            double[] created = new double[1];
            Gauge.builder(name, created, h -> h[0]).baseUnit(unit).description(help).tags(tags)
                .strongReference(true)
                .register(this.meters);
            return created;
        });
        holder[0] = value;
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

    static Predicate<String> owned(String jobName) {
        List<String> prefixes = new java.util.ArrayList<>(COMMON);
        prefixes.addAll(OWNED.getOrDefault(jobName, List.of()));
        return name -> prefixes.stream().anyMatch(name::startsWith);
    }

}
