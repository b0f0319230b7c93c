package com.numbering.launch;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.numbering.AppProcess;
import com.numbering.AppProcess.Finished;
import com.numbering.OutsideWorld;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM as Kubernetes sends it in the middle of a run, and what {@link GracefulStop} makes of it. */
@Tag("slow") // several JVMs, tens of seconds: CI and -Pthorough run it, ./mvnw verify does not (README "Tests")
class GracefulStopProcessTests {

    private static final int TENANTS = 12;

    @Test
    void sigtermStopsTheRunThroughSpringBatchAndTheNextRunFinishesItWithoutBuyingTwice() throws Exception {
        try (OutsideWorld world = OutsideWorld.start("graceful_stop")) {
            // given many tenants and a slow Telnyx, so that the run is mid-way when the signal comes
            for (int i = 0; i < TENANTS; i++) {
                world.jdbc().update("INSERT INTO tenants (name, phone, state) VALUES (?, '(415) 555-2671', 'CA')",
                        "Stop Co " + i);
            }
            world.simulator().control().setLatency(Duration.ofMillis(150));
            AppProcess first = AppProcess.start(Map.of(), args(world));

            // when the first number has been bought, Kubernetes sends SIGTERM
            waitForOrders(world, first);
            first.terminate();
            Finished stopped = first.waitForExit();

            // then the execution ended STOPPED through Spring Batch, with the documented exit code
            assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(ExitCodes.STOPPED);
            assertThat(stopped.output()).contains("stop requested (SIGTERM)");
            assertThat(world.jdbc().queryForObject("""
                    SELECT e.status FROM batch_job_execution e
                    JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                    WHERE i.job_name = 'provisionVoiceNumbersJob' ORDER BY e.job_execution_id DESC LIMIT 1
                    """, String.class)).isEqualTo("STOPPED");
            assertThat(active(world)).isLessThan(TENANTS);

            // when the next run comes
            world.simulator().control().setLatency(Duration.ZERO);
            Finished next = AppProcess.run(Map.of(), args(world).toArray(String[]::new));

            // then it restarted the stopped execution and finished it: every tenant active, one order each
            assertThat(next.exitCode()).as(next.output()).isZero();
            assertThat(next.output()).contains("restarting failed execution");
            assertThat(active(world)).isEqualTo(TENANTS);
            assertThat(world.simulator().ledger().orders()).hasSize(TENANTS);
        }
    }

    @Test
    void sigtermDuringDispatchLeavesNoAlertSendingAndTheNextRunSendsTheRestOnce() throws Exception {
        try (OutsideWorld world = OutsideWorld.start("graceful_stop_alerts")) {
            // given the shared number and 12 due alerts paced at 2 per second
            Finished setup = AppProcess.run(Map.of(), world.args("setupSharedSmsNumberJob", smsArgs())
                .toArray(String[]::new));
            assertThat(setup.exitCode()).as(setup.output()).isZero();
            long tenant = world.jdbc()
                .queryForObject("INSERT INTO tenants (name) VALUES ('Stop Alerts') RETURNING id", Long.class);
            for (int i = 0; i < TENANTS; i++) {
                String to = String.format("+1415555%04d", 6100 + i);
                world.jdbc().update("INSERT INTO sms_consents (phone, opted_in_at, opt_in_method) VALUES (?, now(), 't')",
                        to);
                world.jdbc().update("INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key) "
                        + "VALUES (?, ?, 'appointment_booked', 'Booked.', ?)", tenant, to, "stop-" + i);
            }
            AppProcess first = AppProcess.start(Map.of(), dispatchArgs(world));

            // when the first message has left, Kubernetes sends SIGTERM
            waitForMessages(world, first);
            first.terminate();
            Finished stopped = first.waitForExit();

            // then the run stopped through Spring Batch: nothing left sending, nothing unknown, the rest queued
            assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(ExitCodes.STOPPED);
            assertThat(statusCount(world, "sending") + statusCount(world, "unknown") + statusCount(world, "claimed"))
                .isZero();
            assertThat(statusCount(world, "queued")).isPositive();

            // and the next run sends the rest, each alert once
            Finished next = AppProcess.run(Map.of(), dispatchArgs(world).toArray(String[]::new));
            assertThat(next.exitCode()).as(next.output()).isZero();
            assertThat(statusCount(world, "sent")).isEqualTo(TENANTS);
            assertThat(world.simulator().ledger().messages()).hasSize(TENANTS);
        }
    }

    @Test
    void sigtermAfterTheJobEndedWaitsForTheLaunchAndExitsWithTheRunsOwnCode() throws Exception {
        try (OutsideWorld world = OutsideWorld.start("graceful_stop_after_end");
                ServerSocket silentPushgateway = new ServerSocket(0)) {
            // given a run with nothing to buy, whose Pushgateway takes the connection and never answers
            List<String> args = new ArrayList<>(args(world));
            args.addAll(List.of("--numbering.metrics.pushgateway.enabled=true",
                    "--numbering.metrics.pushgateway.address=127.0.0.1:" + silentPushgateway.getLocalPort(),
                    "--numbering.metrics.pushgateway.timeout=15s"));
            AppProcess run = AppProcess.start(Map.of(), args);

            // when Kubernetes sends SIGTERM after the job ended, while the launch still pushes the run's figures
            waitForOutput(run, "provisionVoiceNumbersJob COMPLETED in");
            run.terminate();
            Finished finished = run.waitForExit();

            // then the process let the launch finish and exits with the run's own code, not the signal's 143
            assertThat(finished.exitCode()).as(finished.output()).isEqualTo(ExitCodes.OK);
            assertThat(finished.output()).contains("SIGTERM after the job ended COMPLETED")
                .contains("metrics not pushed")
                .doesNotContain("could not stop");
        }
    }

    private static String[] smsArgs() {
        return new String[] { "--numbering.sms.area-code=415",
                "--numbering.sms.public-base-url=https://alerts.example.test", "--numbering.sms.order-poll-interval=50ms",
                "--numbering.alerts.messages-per-second=2" };
    }

    private static List<String> dispatchArgs(OutsideWorld world) {
        return world.args("dispatchAlertsJob", smsArgs());
    }

    private static int statusCount(OutsideWorld world, String status) {
        return world.jdbc().queryForObject("SELECT count(*) FROM client_alerts WHERE status = ?", Integer.class, status);
    }

    private static void waitForMessages(OutsideWorld world, AppProcess process) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!world.simulator().ledger().messages().isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no message was sent: " + process.output());
    }

    private static List<String> args(OutsideWorld world) {
        return world.args("provisionVoiceNumbersJob", "--numbering.provisioning.batch-size=2",
                "--numbering.provisioning.order-poll-interval=50ms");
    }

    private static int active(OutsideWorld world) {
        return world.jdbc()
            .queryForObject("SELECT count(*) FROM tenants WHERE telnyx_voice_status = 'active'", Integer.class);
    }

    private static void waitForOrders(OutsideWorld world, AppProcess process) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!world.simulator().ledger().orders().isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no order was placed: " + process.output());
    }

    private static void waitForOutput(AppProcess process, String line) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (process.output().contains(line)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no line '" + line + "': " + process.output());
    }

}
