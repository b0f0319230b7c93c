package com.numbering.demo;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.numbering.config.InvalidConfigurationException;
import com.numbering.launch.ExitCodes;
import com.numbering.launch.JobLaunchService;
import com.numbering.launch.LaunchResult;
import com.numbering.local.ContractRecorder;
import com.numbering.privacy.Redaction;
import com.numbering.telnyx.TelnyxProperties;

/**
 * Demo mode ({@code --spring.profiles.active=demo}): seeds made-up tenants into the embedded throwaway PostgreSQL,
 * runs every job against the in-process Telnyx simulator, and prints what happened.
 */
@Component
@ConditionalOnProperty(name = "numbering.demo.enabled", havingValue = "true")
class DemoRunner implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    private static final String TENANTS = """
            SELECT name, active, telnyx_voice_status, telnyx_voice_tier, telnyx_voice_area_code, telnyx_voice_number,
                   telnyx_voice_failure_field, telnyx_voice_failure_reason
            FROM tenants ORDER BY id
            """;

    private static final String SHARED_NUMBER = """
            SELECT telnyx_sms_number, telnyx_sms_status, telnyx_sms_messaging_profile_id, telnyx_sms_campaign_status
            FROM system_config WHERE id = 1
            """;

    private static final String ALERTS = """
            SELECT alert_type, status, last_error_reason FROM client_alerts ORDER BY id
            """;

    private final JobLaunchService launches;

    private final DemoTenants tenants;

    private final DemoDrift drift;

    private final JdbcTemplate jdbc;

    private final TelnyxProperties telnyx;

    private final ObjectProvider<ContractRecorder> contract;

    private int exitCode = ExitCodes.OK;

    DemoRunner(JobLaunchService launches, DemoTenants tenants, DemoDrift drift, JdbcTemplate jdbc,
            TelnyxProperties telnyx, ObjectProvider<ContractRecorder> contract) {
        this.launches = launches;
        this.tenants = tenants;
        this.drift = drift;
        this.jdbc = jdbc;
        this.telnyx = telnyx;
        this.contract = contract;
    }

    @Override
    public void run(ApplicationArguments args) {
        log.warn("==================================================================================");
        log.warn(" DEMO MODE: embedded throwaway PostgreSQL + local Telnyx SIMULATOR at {}", this.telnyx.baseUrl());
        log.warn(" Nothing here is real: no number is bought, no message is sent, the database is deleted on exit.");
        log.warn("==================================================================================");
        this.tenants.seedIfEmpty();
        for (String job : order(this.launches.jobNames())) {
            if ("reconcileInventoryJob".equals(job)) {
                this.drift.introduce();
            }
            try {
                LaunchResult result = this.launches.launch(job, new JobParameters());
                this.exitCode = Math.max(this.exitCode, result.exitCode());
            }
            catch (InvalidConfigurationException ex) {
                log.error("{} did not start: {}", job, ex.getMessage());
                this.exitCode = ExitCodes.CONFIGURATION;
            }
        }
        printTenants();
        printSharedNumber();
        printAlerts();
        this.contract.ifAvailable(recorder -> log.info("Telnyx OpenAPI contract: {} violation(s) in this run{}",
                recorder.violations().size(), recorder.violations().isEmpty() ? "" : ": " + recorder.violations()));

        log.warn("DEMO MODE finished (exit code {}). Simulated data only.", this.exitCode);
    }

    /** The order a new installation needs: numbers first, then the sender, then what uses it. */
    private static List<String> order(List<String> jobs) {
        List<String> preferred = List.of("provisionVoiceNumbersJob", "setupSharedSmsNumberJob", "dispatchAlertsJob",
                "reconcileInventoryJob");
        List<String> ordered = new java.util.ArrayList<>(preferred.stream().filter(jobs::contains).toList());
        jobs.stream().filter(job -> !ordered.contains(job)).forEach(ordered::add);
        return ordered;
    }

    private void printTenants() {
        List<String> lines = this.jdbc.query(TENANTS, (rs, i) -> {
            String name = rs.getString("name");
            if (!rs.getBoolean("active")) {
                return String.format("  %-22s inactive: skipped", name);
            }
            String status = rs.getString("telnyx_voice_status");
            if ("active".equals(status) && rs.getString("telnyx_voice_tier") == null) {
                return String.format("  %-22s active   adopted  %s (found in the account by reconciliation)", name,
                        Redaction.phone(rs.getString("telnyx_voice_number")));
            }
            if ("active".equals(status)) {
                return String.format("  %-22s active   %-8s %s (asked for %s)", name, rs.getString("telnyx_voice_tier"),
                        Redaction.phone(rs.getString("telnyx_voice_number")),
                        rs.getString("telnyx_voice_area_code") != null ? rs.getString("telnyx_voice_area_code")
                                : "its state");
            }
            return String.format("  %-22s %-8s %s: %s", name, status, rs.getString("telnyx_voice_failure_field"),
                    rs.getString("telnyx_voice_failure_reason"));
        });
        log.info("Tenants after the demo run (tenant, status, ladder tier, number):\n{}", String.join("\n", lines));
    }

    private void printSharedNumber() {
        this.jdbc.query(SHARED_NUMBER, rs -> {
            log.info("Shared SMS number for client alerts: {} ({}), messaging profile {}, 10DLC campaign: {}",
                    Redaction.phone(rs.getString("telnyx_sms_number")), rs.getString("telnyx_sms_status"),
                    rs.getString("telnyx_sms_messaging_profile_id"), rs.getString("telnyx_sms_campaign_status"));
        });
    }

    private void printAlerts() {
        List<String> lines = this.jdbc.query(ALERTS, (rs, i) -> String.format("  %-22s %-10s %s",
                rs.getString("alert_type"), rs.getString("status"),
                rs.getString("last_error_reason") == null ? "" : rs.getString("last_error_reason")));
        log.info("Client alerts after the demo run (type, status, reason):\n{}", String.join("\n", lines));
    }

    @Override
    public int getExitCode() {
        return this.exitCode;
    }

}
