package com.numbering.sms;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.numbering.JobTestSupport;
import com.numbering.launch.ExitCodes;
import com.numbering.launch.LaunchResult;
import com.numbering.nanp.NanpDirectory;
import com.numbering.numbers.CustomerReferences;
import com.numbering.numbers.DailyOrderCount;
import com.numbering.numbers.NumberPurchaser;
import com.numbering.numbers.OrderProperties;
import com.numbering.numbers.SearchLadder;
import com.numbering.support.SpendFence;
import com.numbering.telnyx.TelnyxGateway.MessagingProfile;
import com.numbering.telnyx.TelnyxGateway.MessagingProfileSettings;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.sandbox.LedgerOrder;
import com.numbering.telnyx.sandbox.LedgerRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code setupSharedSmsNumberJob} end to end: real PostgreSQL, the simulator over real HTTP. */
class SetupSharedSmsNumberJobTests extends JobTestSupport {

    SetupSharedSmsNumberJobTests() {
        super(JOB);
    }

    private static final String JOB = "setupSharedSmsNumberJob";

    @Autowired
    private TelnyxGateway telnyx;

    @Autowired
    private OrderProperties orders;

    @Autowired
    private DailyOrderCount dailyOrders;

    @Autowired
    private SpendFence fence;

    @Autowired
    private SystemConfigRepository config;

    @Autowired
    private NanpDirectory nanp;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private PrometheusMeterRegistry prometheus;

    @Autowired
    private NumberPurchaser smsNumberPurchaser;

    @Autowired
    private SearchLadder ladder;

    @Autowired
    private MessagingProfileKeeper profiles;

    @BeforeEach
    void noSharedNumberYet() {
        // Forget the number and profile, never the reference sequence: references are never reused.
        this.jdbc.update("""
                UPDATE system_config SET telnyx_sms_status = NULL, telnyx_sms_number = NULL,
                       telnyx_sms_number_id = NULL, telnyx_sms_messaging_profile_id = NULL, telnyx_sms_order_id = NULL,
                       telnyx_sms_campaign_status = NULL, telnyx_sms_profile_drift = NULL WHERE id = 1""");
    }

    @Test
    void theFirstRunBuysTheNumberCreatesTheProfileAndRecordsEverything() {
        int ordersBefore = sharedNumberOrders().size();

        LaunchResult result = launch();

        assertThat(result.exitCode()).isZero();
        Map<String, Object> row = systemConfig();
        String number = (String) row.get("telnyx_sms_number");
        assertThat(number).startsWith("+1415");
        assertThat(row).containsEntry("telnyx_sms_status", "active").containsEntry("telnyx_sms_campaign_status", "ASSIGNED");
        assertThat(row.get("telnyx_sms_number_id")).isNotNull();
        String profileId = (String) row.get("telnyx_sms_messaging_profile_id");
        MessagingProfileSettings profile = this.telnyx.getMessagingProfile(profileId).orElseThrow().settings();
        assertThat(profile.webhookUrl()).isEqualTo("https://alerts.example.test/api/v1/telnyx/webhooks/sms/inbound");
        assertThat(profile.webhookFailoverUrl())
            .isEqualTo("https://alerts.example.test/api/v1/telnyx/webhooks/sms/failover");
        assertThat(profile.whitelistedDestinations()).containsExactly("US");
        assertThat(profile.webhookApiVersion()).isEqualTo("2");
        assertThat(this.simulator.ledger().number(number).orElseThrow().messagingProfileId()).isEqualTo(profileId);
        assertThat(sharedNumberOrders()).hasSize(ordersBefore + 1);
    }

    @Test
    void aSecondRunOnlyReads() {
        launch();
        int requests = this.simulator.ledger().requests().size();

        LaunchResult second = launch();

        assertThat(second.exitCode()).isZero();
        List<LedgerRequest> made = this.simulator.ledger().requests().subList(requests,
                this.simulator.ledger().requests().size());
        assertThat(made).isNotEmpty().allSatisfy(request -> assertThat(request.method()).isEqualTo("GET"));
    }

    @Test
    void aProfileEditedByHandIsPutBackAndTheDriftReported() {
        launch();
        String profileId = (String) systemConfig().get("telnyx_sms_messaging_profile_id");
        MessagingProfile current = this.telnyx.getMessagingProfile(profileId).orElseThrow();
        MessagingProfileSettings edited = new MessagingProfileSettings(current.settings().name(), true, List.of("US", "CA"),
                "https://someone-else.example/hook", current.settings().webhookFailoverUrl(), "2");
        this.telnyx.updateMessagingProfile(profileId, edited);

        launch();

        MessagingProfileSettings repaired = this.telnyx.getMessagingProfile(profileId).orElseThrow().settings();
        assertThat(repaired.webhookUrl()).isEqualTo("https://alerts.example.test/api/v1/telnyx/webhooks/sms/inbound");
        assertThat(repaired.whitelistedDestinations()).containsExactly("US");
        assertThat((String) systemConfig().get("telnyx_sms_profile_drift"))
            .contains("webhook_url was https://someone-else.example/hook")
            .contains("whitelisted_destinations");
    }

    @Test
    void aNumberOpsBoughtByHandIsAdoptedNotBought() {
        String handBought = "+13125552671";
        this.simulator.control().addOwnedNumber(handBought, null, null, List.of(), "active");
        int ordersBefore = this.simulator.ledger().orders().size();
        SharedSmsNumberSetup setup = setupWith(new SmsProperties(handBought, null,
                URI.create("https://alerts.example.test"), "Numbering client alerts", Duration.ofMillis(20),
                Duration.ofSeconds(2), List.of("US")));

        setup.run();

        assertThat(systemConfig()).containsEntry("telnyx_sms_number", handBought)
            .containsEntry("telnyx_sms_status", "active");
        assertThat(this.simulator.ledger().orders()).hasSize(ordersBefore);
        assertThat(this.simulator.ledger().number(handBought).orElseThrow().messagingProfileId())
            .isEqualTo(systemConfig().get("telnyx_sms_messaging_profile_id"));
    }

    @Test
    void anOrderWhoseAnswerWasLostIsAdoptedByTheNextRunNotBoughtAgain() {
        int ordersBefore = sharedNumberOrders().size();
        this.simulator.control().dropAfterProcessing("POST", "/number_orders", 1);

        LaunchResult first = launch();

        assertThat(first.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(campaignGauge()).as("not ready: the campaign was never looked at").isNull();
        assertThat(systemConfig()).containsEntry("telnyx_sms_status", "available");
        assertThat(sharedNumberOrders()).hasSize(ordersBefore + 1);

        LaunchResult second = launch();

        assertThat(second.exitCode()).isZero();
        assertThat(sharedNumberOrders()).hasSize(ordersBefore + 1);
        LedgerOrder order = sharedNumberOrders().get(sharedNumberOrders().size() - 1);
        assertThat(systemConfig()).containsEntry("telnyx_sms_status", "active")
            .containsEntry("telnyx_sms_number", order.phoneNumbers().get(0));
    }

    @Test
    void aNumberWithoutACampaignAssignmentIsRecordedAndReported() {
        launch();
        String number = (String) systemConfig().get("telnyx_sms_number");
        this.simulator.control().setCampaignStatus(number, "PENDING_ASSIGNMENT");

        LaunchResult result = launch();

        assertThat(result.exitCode()).isZero();
        assertThat(systemConfig()).containsEntry("telnyx_sms_campaign_status", "PENDING_ASSIGNMENT");
        assertThat(campaignGauge()).isNotNull();
        assertThat(campaignGauge().value()).isZero();
    }

    @Test
    void theCampaignGaugeSaysOnlyWhatTheRunSawAndNothingWhenItFailedBeforeLooking() {
        // given a run that saw the campaign assigned
        assertThat(launch().exitCode()).isZero();
        assertThat(campaignGauge()).isNotNull();
        assertThat(campaignGauge().value()).isEqualTo(1);

        // when the next run fails before it looks (the messaging profile cannot be read)
        this.simulator.control().failNext("GET", "/messaging_profiles/.*", 500, "10007", 20);
        LaunchResult failed = launch();

        // then it reports no campaign state at all: the series is not in what the run pushes
        assertThat(failed.exitCode()).isNotZero();
        assertThat(campaignGauge()).as("a state this run did not observe").isNull();
        assertThat(this.prometheus.scrape()).doesNotContain("numbering_sms_campaign_assigned");
    }

    private Gauge campaignGauge() {
        return this.meters.find("numbering.sms.campaign.assigned").gauge();
    }

    private SharedSmsNumberSetup setupWith(SmsProperties properties) {
        return new SharedSmsNumberSetup(this.telnyx, this.config, properties, this.nanp, this.smsNumberPurchaser,
                this.ladder, this.profiles, Clock.systemUTC(), this.meters, this.orders, this.dailyOrders, this.fence,
                new CustomerReferences(""));
    }

    private Map<String, Object> systemConfig() {
        return this.jdbc.queryForMap("SELECT * FROM system_config WHERE id = 1");
    }

    private List<LedgerOrder> sharedNumberOrders() {
        return this.simulator.ledger()
            .orders()
            .stream()
            .filter(order -> order.customerReference() != null && order.customerReference().startsWith("shared-sms-"))
            .toList();
    }

}
