package com.numbering.launch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a run pushes its metrics when it ends ({@link RunMetrics}). Our own pusher rather than Boot's
 * {@code management.prometheus.metrics.export.pushgateway}: Boot's groups by job only, pushes at start-up and on a
 * timer, and pushes every meter of the process.
 *
 * @param enabled push at the end of each run ({@code NUMBERING_METRICS_PUSHGATEWAY_ENABLED})
 * @param address host:port of the Pushgateway ({@code NUMBERING_METRICS_PUSHGATEWAY_ADDRESS})
 * @param job the Pushgateway's {@code job} label; {@code batch_job} and {@code run_kind} complete the group
 * @param timeout connect and read timeout of the push: a slow Pushgateway must not hold the pod
 */
@ConfigurationProperties("numbering.metrics.pushgateway")
record MetricsProperties(@DefaultValue("false") boolean enabled, @DefaultValue("localhost:9091") String address,
        @DefaultValue("numbering") String job, @DefaultValue("10s") Duration timeout) {
}
