package com.numbering.alerts;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.numbering.ContractConformance;
import com.numbering.TestDatabases;
import com.numbering.launch.JobLaunchService;
import com.numbering.launch.LaunchResult;
import com.numbering.telnyx.sandbox.LedgerMessage;
import com.numbering.telnyx.sandbox.TelnyxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dispatchAlertsJob} with a backlog larger than one run's budget ({@code numbering.alerts.run-budget}): each
 * run completes on its own before a CronJob deadline would stop it, and the next one goes on where it left off. Its
 * own context (a budget of two seconds) on its own database, with the simulator over real HTTP.
 */
@SpringBootTest(properties = { "numbering.launch.enabled=false", "numbering.local.simulator=true",
        "numbering.guard.allow-mixed-environment=true", "spring.datasource.username=postgres",
        "spring.datasource.password=", "numbering.telnyx.requests-per-second=500", "numbering.telnyx.max-attempts=3",
        "numbering.sms.area-code=415", "numbering.sms.public-base-url=https://alerts.example.test",
        "numbering.sms.order-poll-interval=20ms", "numbering.alerts.messages-per-second=20",
        "numbering.alerts.run-budget=2s", "numbering.alerts.delivery-check-delay=0s",
        "logging.level.com.numbering=WARN" })
@ExtendWith(ContractConformance.class)
class DispatchRunBudgetJobTests {

    private static final int BACKLOG = 100;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> {
            try {
                return TestDatabases.fresh("alerts_budget");
            }
            catch (java.sql.SQLException ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    @Autowired
    private JobLaunchService launches;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private TelnyxSimulator simulator;

    @Autowired
    private MeterRegistry meters;

    @Test
    void aRunWhoseBudgetIsSpentCompletesAndLeavesTheRestQueuedForTheNextRunNoneLostOrSentTwice() {
        // given a backlog that 20 messages a second cannot send within one run's two seconds
        assertThat(launch("setupSharedSmsNumberJob").exitCode()).isZero();
        long tenant = this.jdbc.queryForObject(
                "INSERT INTO tenants (name, phone, state) VALUES ('Busy Co', NULL, 'CA') RETURNING id", Long.class);
        for (int i = 0; i < BACKLOG; i++) {
            queue(tenant, recipient(i), "budget-" + i);
        }

        // when one run dispatches
        LaunchResult first = launch("dispatchAlertsJob");

        // then it completed, sent part of the backlog, and left the rest queued as it found it
        assertThat(first.exitCode()).isZero();
        assertThat(first.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        int sentFirst = count("sent");
        assertThat(sentFirst).as("sent by a run with a 2 s budget").isPositive().isLessThan(BACKLOG);
        assertThat(count("queued")).isEqualTo(BACKLOG - sentFirst);
        assertThat(this.jdbc.queryForList("SELECT attempts, claimed_by, telnyx_message_id FROM client_alerts "
                + "WHERE status = 'queued'")).allSatisfy(row -> assertThat(row).containsEntry("attempts", 0)
                    .containsEntry("claimed_by", null)
                    .containsEntry("telnyx_message_id", null));
        assertThat(this.meters.get("numbering.alerts.runs.budget.spent").counter().count()).isEqualTo(1);
        assertThat(deliveriesRead(first)).as("the budget covers the read-back too: none read after the sends spent it")
            .isZero();
        assertThat(unread()).as("still due for a later run").isEqualTo(sentFirst);

        // when the next runs dispatch
        for (int run = 0; run < 10 && count("sent") < BACKLOG; run++) {
            LaunchResult next = launch("dispatchAlertsJob");
            assertThat(next.exitCode()).isZero();
        }

        // then every alert was sent, each exactly once
        assertThat(count("sent")).isEqualTo(BACKLOG);
        for (int i = 0; i < BACKLOG; i++) {
            assertThat(messagesTo(recipient(i))).as(recipient(i)).hasSize(1);
        }
        assertThat(this.meters.get("numbering.alerts.runs.budget.spent").counter().count()).isGreaterThan(1);

        // and the deliveries left unread are read back by later runs, each within its budget (reads are paced too)
        for (int run = 0; run < 20 && unread() > 0; run++) {
            assertThat(launch("dispatchAlertsJob").exitCode()).isZero();
        }
        assertThat(unread()).as("sent alerts whose delivery was never read").isZero();
    }

    private int unread() {
        return this.jdbc.queryForObject("SELECT count(*) FROM client_alerts WHERE status = 'sent' "
                + "AND delivery_checked_at IS NULL", Integer.class);
    }

    /** How many sent alerts' deliveries the run's checkAlertDeliveryStep read (its counts by result). */
    private static int deliveriesRead(LaunchResult result) {
        return result.execution().getStepExecutions().stream()
            .filter(step -> step.getStepName().equals("checkAlertDeliveryStep"))
            .mapToInt(step -> step.getExecutionContext().getInt("final", 0)
                    + step.getExecutionContext().getInt("in_flight", 0)
                    + step.getExecutionContext().getInt("not_checked", 0))
            .sum();
    }

    private LaunchResult launch(String job) {
        return this.launches.launch(job, new JobParameters());
    }

    private static String recipient(int i) {
        return String.format("+1415555%04d", 6000 + i);
    }

    private void queue(long tenant, String to, String dedupeKey) {
        this.jdbc.update("INSERT INTO sms_consents (phone, opted_in_at, opt_in_method) VALUES (?, now(), 'test')", to);
        this.jdbc.update("""
                INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key)
                VALUES (?, ?, 'appointment_booked', 'Booked.', ?)""", tenant, to, dedupeKey);
    }

    private int count(String status) {
        return this.jdbc.queryForObject("SELECT count(*) FROM client_alerts WHERE status = ?", Integer.class, status);
    }

    private List<LedgerMessage> messagesTo(String to) {
        return this.simulator.ledger().messages().stream().filter(m -> to.equals(m.to())).toList();
    }

}
