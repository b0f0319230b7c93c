package com.numbering.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import com.numbering.JobTestSupport;
import com.numbering.launch.JobLaunchService;
import com.numbering.launch.LaunchResult;
import com.numbering.local.ContractRecorder;
import com.numbering.telnyx.sandbox.DeliveryOutcome;
import com.numbering.telnyx.sandbox.LedgerMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dispatchAlertsJob} end to end: real PostgreSQL, the simulator over real HTTP. */
class DispatchAlertsJobTests extends JobTestSupport {

    DispatchAlertsJobTests() {
        super(JOB);
    }

    private static final String JOB = "dispatchAlertsJob";

    @Autowired
    private AlertRepository alertRepository;

    @Autowired
    private JobRepository jobRepository;

    @Autowired
    private ContractRecorder contract;

    @Autowired
    private JobOperator jobOperator;

    @Autowired
    @Qualifier(JOB)
    private Job dispatchAlertsJob;

    private long tenant;

    private String sender;

    @BeforeEach
    void aSharedNumberAndATenant() {
        this.jdbc.update("DELETE FROM client_alerts");
        this.jdbc.update("DELETE FROM sms_consents");
        if (!"active".equals(this.jdbc.queryForObject("SELECT telnyx_sms_status FROM system_config", String.class))) {
            assertThat(launch("setupSharedSmsNumberJob").exitCode()).isZero();
        }
        this.jdbc.update("UPDATE system_config SET telnyx_sms_campaign_status = 'ASSIGNED', "
                + "telnyx_sms_hold_reason = NULL, telnyx_sms_allowed_destinations = 'US'");
        this.sender = this.jdbc.queryForObject("SELECT telnyx_sms_number FROM system_config", String.class);
        this.tenant = this.jdbc.queryForObject(
                "INSERT INTO tenants (name, phone, state) VALUES ('Alerting Co', NULL, 'CA') RETURNING id", Long.class);
    }

    @Test
    void sendsAnAlertFromTheSharedNumberWithTheBrandAndOptOutWording() {
        optIn("+14155550111");
        long id = alert("+14155550111", "Your appointment is booked for Tue 10:00.", "happy-1");

        launch();

        Map<String, Object> row = row(id);
        assertThat(row).containsEntry("status", "sent").containsEntry("encoding", "GSM-7").containsEntry("segments", 1);
        LedgerMessage message = messagesTo("+14155550111").get(0);
        assertThat(row.get("telnyx_message_id")).isEqualTo(message.id());
        assertThat(message.from()).isEqualTo(this.sender);
        assertThat(message.text()).isEqualTo("Numbering: Your appointment is booked for Tue 10:00. Reply STOP to opt out.");
    }

    @Test
    void enqueueingTheSameAlertTwiceSendsOneMessage() {
        optIn("+14155550112");
        alert("+14155550112", "Booked.", "dedupe-1");
        alert("+14155550112", "Booked.", "dedupe-1");

        launch();

        assertThat(this.jdbc.queryForObject("SELECT count(*) FROM client_alerts WHERE dedupe_key = 'dedupe-1'",
                Integer.class)).isEqualTo(1);
        assertThat(messagesTo("+14155550112")).hasSize(1);
    }

    @Test
    void withoutAnOptInTheAlertIsSuppressedWithTheReason() {
        long id = alert("+14155550113", "Booked.", "no-consent-1");

        launch();

        assertThat(row(id)).containsEntry("status", "suppressed")
            .containsEntry("last_error_reason", "no recorded opt-in for this recipient");
        assertThat(messagesTo("+14155550113")).isEmpty();
    }

    @Test
    void aStopFromTheRecipientRecordsTheOptOutAndIsNeverRetried() {
        optIn("+14155550114");
        this.simulator.control().blockRecipient("+14155550114");
        long id = alert("+14155550114", "Booked.", "stop-1");

        launch();

        assertThat(row(id)).containsEntry("status", "failed").containsEntry("last_error_code", "40300");
        assertThat(this.jdbc.queryForObject("SELECT opted_out_at IS NOT NULL FROM sms_consents WHERE phone = ?",
                Boolean.class, "+14155550114")).isTrue();
        long next = alert("+14155550114", "Changed.", "stop-2");
        launch();
        assertThat(row(next)).containsEntry("status", "suppressed");
        assertThat(messagesTo("+14155550114")).isEmpty();
    }

    @Test
    void anInvalidNumberFailsWithoutRetry() {
        optIn("+10005550100");
        long id = alert("+10005550100", "Booked.", "invalid-1");

        launch();
        launch();

        assertThat(row(id)).containsEntry("status", "failed").containsEntry("last_error_code", "40310")
            .containsEntry("attempts", 1);
    }

    @Test
    void aProxysBadGatewayAfterTelnyxAcceptedTheMessageIsUnknownAndNeverResent() {
        // given Telnyx accepts the message, and a proxy in front of it answers 502 with its own page
        optIn("+14155550178");
        long id = alert("+14155550178", "Booked.", "proxy-502");
        this.simulator.control().proxyErrorAfterProcessing("POST", "/messages", 502, 1);

        // when
        launch();
        this.jdbc.update("UPDATE client_alerts SET next_attempt_at = now() WHERE id = ?", id);
        launch();

        // then it was delivered once, and the row says it may have been: never resent
        assertThat(messagesTo("+14155550178")).hasSize(1);
        assertThat(row(id)).containsEntry("status", "unknown");
        assertThat((String) row(id).get("last_error_reason")).contains("HTTP 502 without a Telnyx error");
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedLaterThenSent() {
        optIn("+14155550115");
        long id = alert("+14155550115", "Booked.", "retry-1");
        this.simulator.control().failNext("POST", "/messages", 500, "10007", 1);

        launch();

        assertThat(row(id)).containsEntry("status", "queued").containsEntry("last_error_code", "10007");
        assertThat(messagesTo("+14155550115")).isEmpty();

        this.jdbc.update("UPDATE client_alerts SET next_attempt_at = now() WHERE id = ?", id);
        this.simulator.control().failNext("POST", "/messages", 429, "10011", 1);
        launch();

        assertThat(row(id)).containsEntry("status", "sent");
        assertThat(messagesTo("+14155550115")).hasSize(1);
    }

    @Test
    void aFullQueueAtTelnyxIsRetriedWithBackoffUpToTheLimitThenFailed() {
        optIn("+14155550116");
        long id = alert("+14155550116", "Booked.", "queue-full-1");
        this.simulator.control().failNext("POST", "/messages", 400, "40318", 10);

        for (int run = 0; run < 3; run++) {
            launch();
            assertThat(row(id).get("next_attempt_at")).as("backoff").isNotNull();
            this.jdbc.update("UPDATE client_alerts SET next_attempt_at = now() WHERE id = ? AND status = 'queued'", id);
        }

        assertThat(row(id)).containsEntry("status", "failed").containsEntry("last_error_code", "40318");
        assertThat(row(id).get("last_error_reason")).asString().contains("gave up after 3 attempts");
    }

    @Test
    void anExpiredAlertIsNeverSent() {
        optIn("+14155550117");
        long id = alert("+14155550117", "Reminder: today 08:00.", "expired-1");
        this.jdbc.update("UPDATE client_alerts SET expires_at = now() - interval '1 minute' WHERE id = ?", id);

        launch();

        assertThat(row(id)).containsEntry("status", "expired");
        assertThat(messagesTo("+14155550117")).isEmpty();
    }

    @Test
    void aRestartOfARunThatHadFinishedSendingSendsWhatIsDueNow() {
        // given a run that sent, then died in its delivery check (its dispatch step COMPLETED, the run FAILED)
        JobParameters parameters = new JobParametersBuilder()
            .addString(JobLaunchService.RUN_AT, "died-checking-" + System.nanoTime())
            .toJobParameters();
        JobInstance instance = this.jobRepository.createJobInstance(JOB, parameters);
        JobExecution failed = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        finish(this.jobRepository.createStepExecution("dispatchAlertsStep", failed), BatchStatus.COMPLETED);
        finish(this.jobRepository.createStepExecution("checkAlertDeliveryStep", failed), BatchStatus.FAILED);
        failed.setStatus(BatchStatus.FAILED);
        failed.setStartTime(LocalDateTime.now().minusMinutes(1));
        failed.setEndTime(LocalDateTime.now());
        this.jobRepository.update(failed);
        optIn("+14155550131");
        long id = alert("+14155550131", "Booked.", "after-restart-1");

        // when the next schedule restarts that run
        LaunchResult result = launch();

        // then the alert due now is sent by it, not left for the next minute
        assertThat(result.execution().getJobInstance().getInstanceId()).isEqualTo(instance.getInstanceId());
        assertThat(row(id)).containsEntry("status", "sent");
        assertThat(messagesTo("+14155550131")).hasSize(1);
    }

    private void finish(StepExecution step, BatchStatus status) {
        step.setStatus(status);
        step.setStartTime(LocalDateTime.now().minusMinutes(1));
        step.setEndTime(LocalDateTime.now());
        this.jobRepository.update(step);
    }

    @Test
    void anAlertFoundSendingAfterACrashIsNeverSentAgain() {
        optIn("+14155550118");
        long id = alert("+14155550118", "Booked.", "crash-1");
        this.jdbc.update("UPDATE client_alerts SET status = 'sending', attempts = 1 WHERE id = ?", id);

        launch();

        assertThat(row(id)).containsEntry("status", "unknown");
        assertThat(row(id).get("last_error_reason")).asString().contains("never resent");
        assertThat(messagesTo("+14155550118")).isEmpty();
    }

    @Test
    void aRunNotLaunchedUnderTheJobsLockLeavesAnotherRunsClaimsAndSendsAlone() throws Exception {
        long claimed = optedInAlert("+14155550185", "live-claim");
        long sending = optedInAlert("+14155550186", "live-send");
        heldByALiveRun(claimed, "claimed");
        heldByALiveRun(sending, "sending");

        JobExecution direct = runWithoutTheLauncher();

        assertThat(direct.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(row(claimed)).containsEntry("status", "claimed").containsEntry("claimed_by", "live-run");
        assertThat(row(sending)).containsEntry("status", "sending");
        assertThat(messagesTo("+14155550185")).isEmpty();

        launch();

        assertThat(row(claimed)).as("the lock proves the run that claimed it is gone").containsEntry("status", "sent");
        assertThat(row(sending)).containsEntry("status", "unknown");
        assertThat(messagesTo("+14155550186")).isEmpty();
    }

    @Test
    void aRunThatStopsPutsBackOnlyItsOwnClaims() throws Exception {
        long theirs = optedInAlert("+14155550188", "their-claim");
        long ours = optedInAlert("+14155550189", "our-claim");
        heldByALiveRun(theirs, "claimed");
        // the number's messaging profile is gone: the run stops after its first claim and puts it back
        this.simulator.control().failNext("GET", "/messaging_profiles/.*", 404, "10005", 1);

        JobExecution direct = runWithoutTheLauncher();

        assertThat(direct.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(row(ours)).containsEntry("status", "queued").containsEntry("claimed_by", null);
        assertThat(row(theirs)).containsEntry("status", "claimed").containsEntry("claimed_by", "live-run");
        assertThat(messagesTo("+14155550189")).isEmpty();
        this.jdbc.update("UPDATE client_alerts SET status = 'cancelled' WHERE id IN (?, ?)", theirs, ours);
    }

    @Test
    void anAlertCancelledBetweenItsClaimAndItsSendIsSkippedAndItsSegmentsGoBack() {
        long id = optedInAlert("+14155550187", "cancelled-after-claim");
        long usedBefore = segmentsUsedToday();
        // it is taken from the run the moment the run has claimed it (by hand, say)
        this.jdbc.execute("""
                CREATE FUNCTION cancel_on_claim() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.status := 'cancelled'; RETURN NEW; END $$""");
        this.jdbc.execute("""
                CREATE TRIGGER cancel_on_claim BEFORE UPDATE ON client_alerts
                FOR EACH ROW WHEN (NEW.status = 'claimed') EXECUTE FUNCTION cancel_on_claim()""");
        try {
            assertThat(launch().exitCode()).isZero();
        }
        finally {
            this.jdbc.execute("DROP TRIGGER cancel_on_claim ON client_alerts");
            this.jdbc.execute("DROP FUNCTION cancel_on_claim()");
        }

        assertThat(row(id)).containsEntry("status", "cancelled");
        assertThat(messagesTo("+14155550187")).isEmpty();
        assertThat(segmentsUsedToday()).as("the segments it reserved are back in the day's budget")
            .isEqualTo(usedBefore);
    }

    /** A "Booked." alert to a recipient who agreed to alerts. */
    private long optedInAlert(String to, String dedupeKey) {
        optIn(to);
        return alert(to, "Booked.", dedupeKey);
    }

    /** A dispatcher that is alive, somewhere, holds this alert. */
    private void heldByALiveRun(long id, String status) {
        this.jdbc.update("UPDATE client_alerts SET status = ?, claimed_by = 'live-run' WHERE id = ?", status, id);
    }

    /** As a benchmark or a tool drives the job: no job lock, so nothing proves that other dispatchers are dead. */
    private JobExecution runWithoutTheLauncher() throws Exception {
        return this.jobOperator.start(this.dispatchAlertsJob, new JobParametersBuilder()
            .addString(JobLaunchService.RUN_AT, Instant.now().toString(), true)
            .toJobParameters());
    }

    private long segmentsUsedToday() {
        return this.jdbc.queryForList("""
                SELECT segments_used FROM sms_send_windows
                WHERE sender = ? AND day = (clock_timestamp() AT TIME ZONE 'UTC')::date""", Long.class, this.sender)
            .stream()
            .findFirst()
            .orElse(0L);
    }

    @Test
    void holdsTheConfiguredRate() {
        for (int i = 0; i < 25; i++) {
            String to = String.format("+1415555%04d", 2000 + i);
            optIn(to);
            alert(to, "Booked " + i, "pace-" + i);
        }
        int before = this.simulator.ledger().messages().size();

        launch();

        List<Instant> sent = this.simulator.ledger()
            .messages()
            .subList(before, this.simulator.ledger().messages().size())
            .stream()
            .map(LedgerMessage::acceptedAt)
            .sorted()
            .toList();
        assertThat(sent).hasSize(25);
        // 20 messages/second configured: 25 messages span at least 24 intervals of 50 ms
        assertThat(Duration.between(sent.get(0), sent.get(24))).isGreaterThanOrEqualTo(Duration.ofMillis(1150));
        for (int i = 20; i < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i - 20), sent.get(i))).as("any 21 messages span a second")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    @Test
    void claimsTheHighestPriorityFirstThenTheOldest() {
        long low = alert("+14155550131", "Summary.", "order-low");
        long urgentLater = alert("+14155550132", "Cancelled.", "order-urgent-later");
        long urgentEarlier = alert("+14155550133", "Changed.", "order-urgent-earlier");
        this.jdbc.update("UPDATE client_alerts SET priority = 5, not_before = now() - interval '1 minute' WHERE id = ?",
                urgentLater);
        this.jdbc.update("UPDATE client_alerts SET priority = 5, not_before = now() - interval '2 minutes' WHERE id = ?",
                urgentEarlier);

        List<Alert> claimed = this.alertRepository.claim("test-dispatcher", 10);

        assertThat(claimed).extracting(Alert::id).containsExactly(urgentEarlier, urgentLater, low);
        this.jdbc.update("UPDATE client_alerts SET status = 'cancelled' WHERE claimed_by = 'test-dispatcher'");
    }

    @Test
    void twoConcurrentRunsNeverSendOneAlertTwice() {
        for (int i = 0; i < 10; i++) {
            String to = String.format("+1415555%04d", 3000 + i);
            optIn(to);
            alert(to, "Booked " + i, "concurrent-" + i);
        }

        CompletableFuture<LaunchResult> one = CompletableFuture.supplyAsync(this::launch);
        CompletableFuture<LaunchResult> two = CompletableFuture.supplyAsync(this::launch);
        one.join();
        two.join();

        for (int i = 0; i < 10; i++) {
            assertThat(messagesTo(String.format("+1415555%04d", 3000 + i))).hasSize(1);
        }
    }

    @Test
    void holdsEveryAlertWhileTheCampaignIsNotAssigned() {
        optIn("+14155550119");
        long id = alert("+14155550119", "Booked.", "held-1");
        this.jdbc.update("UPDATE system_config SET telnyx_sms_campaign_status = 'PENDING_ASSIGNMENT'");

        LaunchResult result = launch();

        assertThat(result.exitCode()).isZero();
        assertThat(row(id)).containsEntry("status", "queued");
        assertThat(messagesTo("+14155550119")).isEmpty();
    }

    @Test
    void countsLongAndUnicodeBodiesInSegments() {
        optIn("+14155550120");
        long gsm = alert("+14155550120", "x".repeat(200), "long-1");
        long unicode = alert("+14155550120", "Rendez-vous confirmé ✅ " + "ł".repeat(60), "unicode-1");

        launch();

        assertThat(row(gsm)).containsEntry("encoding", "GSM-7").containsEntry("segments", 2);
        assertThat(row(unicode)).containsEntry("encoding", "UCS-2").containsEntry("segments", 2);
        assertThat(messagesTo("+14155550120")).extracting(LedgerMessage::parts).containsExactlyInAnyOrder(2, 2);
    }

    @Test
    void aRecipientOutsideTheAllowedCountriesIsRefusedBeforeAnyRequestWhileTheOthersAreSent() {
        optIn("+442071838750");
        optIn("+14155550141");
        long abroad = alert("+442071838750", "Booked.", "abroad-1");
        long home = alert("+14155550141", "Booked.", "home-1");
        int requestsBefore = postsToMessages();

        LaunchResult result = launch();

        assertThat(result.exitCode()).isZero();
        assertThat(row(abroad)).containsEntry("status", "failed");
        assertThat(row(abroad).get("last_error_reason")).asString()
            .contains("country (GB) is not among the shared number's allowed destinations [US]");
        assertThat(row(home)).containsEntry("status", "sent");
        assertThat(postsToMessages() - requestsBefore).as("one request, for the alert that could go").isEqualTo(1);
    }

    @Test
    void aRecipientTelnyxRefusesForItsCountryFailsAloneAndTheRunGoesOn() {
        // given our setting allows GB but the profile at Telnyx does not (it was not updated yet)
        this.jdbc.update("UPDATE system_config SET telnyx_sms_allowed_destinations = 'GB,US'");
        optIn("+442071838751");
        long abroad = alert("+442071838751", "Booked.", "refused-abroad-1");
        List<Long> others = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String to = String.format("+1415555%04d", 4100 + i);
            optIn(to);
            others.add(alert(to, "Booked " + i, "refused-others-" + i));
        }

        LaunchResult result = launch();

        assertThat(result.exitCode()).isZero();
        assertThat(row(abroad)).containsEntry("status", "failed").containsEntry("last_error_code", "40309");
        assertThat(row(abroad).get("last_error_reason")).asString().contains("whitelisted destinations");
        others.forEach(id -> assertThat(row(id)).containsEntry("status", "sent"));
    }

    @ParameterizedTest(name = "{0} (HTTP {1}) concerns the {2}")
    @CsvSource({ "40310, 400, recipient, failed, 0", "40012, 400, recipient, failed, 0",
            "40322, 400, content, failed, 0", "40328, 400, content, failed, 0", "40305, 400, sender, queued, 78",
            "40312, 400, sender, queued, 78", "40333, 400, sender, queued, 78", "40318, 400, queue, queued, 0",
            "40320, 400, queue, queued, 0", "10011, 429, queue, queued, 0", "10007, 500, queue, queued, 0",
            "49999, 400, unclassified code: retried, queued, 0" })
    void eachTelnyxErrorDoesWhatItsClassSays(String code, int httpStatus, String concern, String status,
            int exitCode) {
        optIn("+14155550151");
        long id = alert("+14155550151", "Booked.", "class-" + code);
        // as many times as the adapter tries a write that was answered 429
        this.simulator.control().failNext("POST", "/messages", httpStatus, code, 3);

        LaunchResult result = launch();

        assertThat(result.exitCode()).as(concern).isEqualTo(exitCode);
        assertThat(row(id)).as(concern).containsEntry("status", status).containsEntry("last_error_code", code);
        assertThat(messagesTo("+14155550151")).isEmpty();
        this.jdbc.update("UPDATE client_alerts SET status = 'cancelled' WHERE id = ?", id);
    }

    @Test
    void learnsEachSentAlertsFinalStatusIncludingALateFailure() {
        optIn("+14155550161");
        optIn("+14155550162");
        optIn("+14155550163");
        long delivered = alert("+14155550161", "Booked.", "delivery-ok");
        long landline = alert("+14155550162", "Booked.", "delivery-landline");
        long late = alert("+14155550163", "Booked.", "delivery-late");
        this.simulator.control().setDeliveryOutcome("+14155550162",
                new DeliveryOutcome("delivery_failed", "40001", "Not routable"));
        this.simulator.control().setDeliveryOutcome("+14155550163", new DeliveryOutcome("sent", null, null));
        launch();
        assertThat(row(delivered).get("delivery_status")).as("not read back before the delay").isNull();

        checkDeliveryNow();
        launch();

        assertThat(row(delivered)).containsEntry("status", "sent").containsEntry("delivery_status", "delivered");
        assertThat(row(delivered).get("delivery_final_at")).isNotNull();
        assertThat(row(landline)).containsEntry("delivery_status", "delivery_failed")
            .containsEntry("delivery_error_code", "40001")
            .containsEntry("delivery_error_reason", "Not routable");
        assertThat(row(late)).containsEntry("delivery_status", "sent").containsEntry("delivery_final_at", null);
        assertThat(row(late).get("delivery_next_check_at")).as("looked at again later").isNotNull();

        this.simulator.control().setDeliveryOutcome("+14155550163",
                new DeliveryOutcome("delivery_failed", "40008", "Undeliverable"));
        checkDeliveryNow();
        launch();

        assertThat(row(late)).containsEntry("delivery_status", "delivery_failed")
            .containsEntry("delivery_error_code", "40008");
        assertThat(messagesTo("+14155550163")).as("never resent").hasSize(1);
    }

    @Test
    void aDeliveryStatusNewerThanThisClientIsNotKnownYetAndJamsNothing() {
        // given one message whose status Telnyx reports in a word this client does not know, next to a normal one
        optIn("+14155550176");
        optIn("+14155550177");
        long odd = alert("+14155550176", "Booked.", "delivery-newer-status");
        long fine = alert("+14155550177", "Booked.", "delivery-fine");
        this.simulator.control().setDeliveryOutcome("+14155550176", new DeliveryOutcome("gw_timeout", null, null));
        launch();

        // when their delivery is read back
        checkDeliveryNow();
        LaunchResult check = launch();

        // then the run completes, the other alert settles, and the odd one is not known yet: no status, a reason,
        // looked at again
        assertThat(check.exitCode()).isZero();
        assertThat(row(fine)).containsEntry("delivery_status", "delivered");
        assertThat(row(odd)).containsEntry("status", "sent").containsEntry("delivery_status", null)
            .containsEntry("delivery_final_at", null);
        assertThat((String) row(odd).get("delivery_error_reason")).contains("'gw_timeout' not understood");
        assertThat(row(odd).get("delivery_next_check_at")).isNotNull();

        // and the next check completes too (no step fails on every run), and nothing was sent twice
        checkDeliveryNow();
        assertThat(launch().exitCode()).isZero();
        assertThat(row(odd)).containsEntry("delivery_final_at", null);
        assertThat(messagesTo("+14155550176")).hasSize(1);
        assertThat(this.contract.violations()).as("only the reads of the message with the status beyond the spec")
            .anyMatch(violation -> violation.contains("$.data.to[0].status"))
            .allMatch(violation -> violation.startsWith("response: GET /messages/"));
        this.contract.clear();
    }

    @Test
    void aMessageTelnyxNoLongerKeepsEndsNotFound() {
        optIn("+14155550164");
        long id = alert("+14155550164", "Booked.", "delivery-forgotten");
        launch();
        this.simulator.control().forgetMessage((String) row(id).get("telnyx_message_id"));

        checkDeliveryNow();
        launch();

        assertThat(row(id)).containsEntry("status", "sent").containsEntry("delivery_status", "not_found");
    }

    @Test
    void aCarrierRefusingTheSharedNumberFor10dlcHoldsEveryAlertUntilSetupConfirmsTheCampaign() {
        optIn("+14155550165");
        optIn("+14155550166");
        this.simulator.control().setDeliveryOutcome("+14155550165",
                new DeliveryOutcome("delivery_failed", "40010", "Not 10DLC registered"));
        alert("+14155550165", "Booked.", "hold-1");
        launch();
        checkDeliveryNow();
        launch();
        assertThat(this.jdbc.queryForObject("SELECT telnyx_sms_hold_reason FROM system_config", String.class))
            .contains("40010");

        long next = alert("+14155550166", "Booked.", "hold-2");
        LaunchResult held = launch();

        assertThat(held.exitCode()).isZero();
        assertThat(row(next)).containsEntry("status", "queued");

        assertThat(launch("setupSharedSmsNumberJob").exitCode()).isZero();
        launch();

        assertThat(this.jdbc.queryForObject("SELECT telnyx_sms_hold_reason FROM system_config", String.class)).isNull();
        assertThat(row(next)).containsEntry("status", "sent");
    }

    private void checkDeliveryNow() {
        this.jdbc.update("UPDATE client_alerts SET delivery_next_check_at = now() WHERE delivery_next_check_at IS NOT NULL");
    }

    private int postsToMessages() {
        return (int) this.simulator.ledger()
            .requests()
            .stream()
            .filter(r -> "POST".equals(r.method()) && r.path().endsWith("/messages"))
            .count();
    }

    private void optIn(String phone) {
        this.jdbc.update("INSERT INTO sms_consents (phone, opted_in_at, opt_in_method) VALUES (?, now(), 'test')",
                phone);
    }

    private long alert(String to, String body, String dedupeKey) {
        this.jdbc.update("""
                INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key)
                VALUES (?, ?, 'appointment_booked', ?, ?) ON CONFLICT (dedupe_key) DO NOTHING""", this.tenant, to,
                body, dedupeKey);
        return this.jdbc.queryForObject("SELECT id FROM client_alerts WHERE dedupe_key = ?", Long.class, dedupeKey);
    }

    private Map<String, Object> row(long id) {
        return this.jdbc.queryForMap("SELECT * FROM client_alerts WHERE id = ?", id);
    }

    private List<LedgerMessage> messagesTo(String to) {
        return this.simulator.ledger().messages().stream().filter(m -> to.equals(m.to())).toList();
    }

}
