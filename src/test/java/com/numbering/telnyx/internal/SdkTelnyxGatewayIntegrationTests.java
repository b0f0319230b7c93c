package com.numbering.telnyx.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.numbering.LocalModeTest;
import com.numbering.pacing.RequestBudget;
import com.numbering.pacing.Turn;
import com.numbering.pacing.Traffic;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.AvailableNumber;
import com.numbering.telnyx.TelnyxGateway.NumberOrder;
import com.numbering.telnyx.TelnyxGateway.NumberOrderRequest;
import com.numbering.telnyx.TelnyxGateway.NumberSearch;
import com.numbering.telnyx.TelnyxGateway.NumberUpdate;
import com.numbering.telnyx.TelnyxGateway.OutboundMessage;
import com.numbering.telnyx.TelnyxGateway.OwnedNumber;
import com.numbering.telnyx.TelnyxProperties;
import com.numbering.telnyx.sandbox.LedgerRequest;
import com.numbering.telnyx.sandbox.SimulatorSettings;
import com.numbering.telnyx.sandbox.TelnyxSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The adapter over the real Telnyx SDK, against the simulator over real HTTP: today's wire names, each error
 * class, tolerance of values the SDK's enums do not know, and PATCH on JDK 17+.
 */
@LocalModeTest
class SdkTelnyxGatewayIntegrationTests {

    private static final String CONNECTION = SimulatorSettings.DEFAULT_CONNECTION_ID;

    @Autowired
    private TelnyxGateway telnyx;

    @Autowired
    private TelnyxSimulator simulator;

    @Autowired
    private TelnyxProperties properties;

    @AfterEach
    void resetInjections() {
        this.simulator.control().reset();
    }

    @Test
    void searchesWithTodaysFilterNamesAndReturnsOnlyExactMatches() {
        // when
        List<AvailableNumber> found = this.telnyx.searchLocalNumbers(new NumberSearch("415", null, List.of("voice"), 5));

        // then
        assertThat(found).isNotEmpty().allSatisfy(n -> {
            assertThat(n.phoneNumber()).startsWith("+1415");
            assertThat(n.bestEffort()).isFalse();
        });
        LedgerRequest search = last("GET", "/available_phone_numbers");
        assertThat(search.query()).containsEntry("filter[phone_number_type]", List.of("local"))
            .containsEntry("filter[best_effort]", List.of("false"))
            .containsEntry("filter[national_destination_code]", List.of("415"))
            .doesNotContainKey("filter[number_type]");
    }

    @Test
    void aRejectedApiKeyIsFatalAndSaysWhatToFix() {
        TelnyxGateway wrongKey = gateway(this.properties.baseUrl(), "not-the-key", Duration.ofSeconds(5));

        TelnyxException.Fatal fatal = catchThrowableOfType(TelnyxException.Fatal.class,
                () -> wrongKey.searchLocalNumbers(new NumberSearch("415", null, List.of("voice"), 1)));

        assertThat(fatal.httpStatus()).isEqualTo(401);
        assertThat(fatal.getMessage()).contains("TELNYX_API_KEY").doesNotContain("not-the-key");
    }

    @Test
    void anUnknownVoiceConnectionIsFatal() {
        String number = this.telnyx.searchLocalNumbers(new NumberSearch("312", null, List.of("voice"), 1))
            .get(0)
            .phoneNumber();

        TelnyxException.Fatal fatal = catchThrowableOfType(TelnyxException.Fatal.class, () -> this.telnyx
            .orderNumber(new NumberOrderRequest(number, "no-such-connection", null, "fatal-connection-1")));

        assertThat(fatal.errorCode()).isEqualTo("85004");
        assertThat(fatal.getMessage()).contains("TELNYX_VOICE_CONNECTION_ID");
    }

    @Test
    void aNumberSomeoneElseBoughtIsRejectedNotRetried() {
        String number = this.telnyx.searchLocalNumbers(new NumberSearch("206", null, List.of("voice"), 1))
            .get(0)
            .phoneNumber();
        this.simulator.control().stealNumber(number);
        int orders = this.simulator.ledger().requests("POST", "/number_orders").size();

        TelnyxException.Rejected rejected = catchThrowableOfType(TelnyxException.Rejected.class,
                () -> this.telnyx.orderNumber(new NumberOrderRequest(number, CONNECTION, null, "stolen-1")));

        assertThat(rejected.errorCode()).isEqualTo("85001");
        assertThat(rejected.getMessage()).doesNotContain(number.substring(2));
        assertThat(this.simulator.ledger().requests("POST", "/number_orders")).hasSize(orders + 1);
    }

    @Test
    void rateLimitedReadsWaitForTheResetAndSucceed() {
        this.simulator.control().failNext("GET", "/available_phone_numbers", 429, "10011", 2);

        List<AvailableNumber> found = this.telnyx.searchLocalNumbers(new NumberSearch("512", null, List.of("voice"), 2));

        assertThat(found).isNotEmpty();
        assertThat(this.simulator.ledger().requests("GET", "/available_phone_numbers").stream()
            .filter(r -> r.status() == 429)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void serverErrorsAreRetriedForReadsButNeverForAnOrder() {
        // a read: retried, then succeeds
        this.simulator.control().failNext("GET", "/available_phone_numbers", 500, "10007", 1);
        String number = this.telnyx.searchLocalNumbers(new NumberSearch("617", null, List.of("voice"), 1))
            .get(0)
            .phoneNumber();

        // an order: a 500 may mean "done", so it is reported as an unknown outcome and not repeated
        this.simulator.control().failNext("POST", "/number_orders", 500, "10007", 1);
        int before = this.simulator.ledger().requests("POST", "/number_orders").size();
        TelnyxException.Transient failure = catchThrowableOfType(TelnyxException.Transient.class,
                () -> this.telnyx.orderNumber(new NumberOrderRequest(number, CONNECTION, null, "server-error-1")));

        assertThat(failure.outcomeUnknown()).isTrue();
        assertThat(this.simulator.ledger().requests("POST", "/number_orders")).hasSize(before + 1);
    }

    @Test
    void anOrderWhoseAnswerIsLostIsFoundAgainByItsCustomerReference() {
        String number = this.telnyx.searchLocalNumbers(new NumberSearch("801", null, List.of("voice"), 1))
            .get(0)
            .phoneNumber();
        this.simulator.control().dropAfterProcessing("POST", "/number_orders", 1);

        TelnyxException.Transient lost = catchThrowableOfType(TelnyxException.Transient.class,
                () -> this.telnyx.orderNumber(new NumberOrderRequest(number, CONNECTION, null, "lost-answer-1")));
        Optional<NumberOrder> found = this.telnyx.findOrderByCustomerReference("lost-answer-1");

        assertThat(lost.outcomeUnknown()).isTrue();
        assertThat(found).isPresent();
        assertThat(found.get().numbers()).extracting(TelnyxGateway.OrderedNumber::phoneNumber).containsExactly(number);
        assertThat(this.simulator.ledger().orders()).filteredOn(o -> "lost-answer-1".equals(o.customerReference()))
            .hasSize(1);
    }

    @Test
    void toleratesValuesTheSdksEnumsDoNotKnow() {
        String number = this.telnyx.searchLocalNumbers(new NumberSearch("702", null, List.of("voice"), 1))
            .get(0)
            .phoneNumber();
        NumberOrder order = this.telnyx.orderNumber(new NumberOrderRequest(number, CONNECTION, null, "enums-1"));
        this.simulator.control().completePendingOrders();
        this.simulator.control().injectUnknownEnums(true);

        Optional<OwnedNumber> owned = this.telnyx.findOwnedNumber(number);
        NumberOrder followed = this.telnyx.getOrder(order.id());

        assertThat(owned).isPresent();
        assertThat(owned.get().status()).isNotBlank();
        assertThat(owned.get().numberType()).isNotBlank();
        assertThat(followed.id()).isEqualTo(order.id());
    }

    @Test
    void patchesANumberOnJdk17WithoutAddOpens() {
        String number = this.telnyx.searchLocalNumbers(new NumberSearch("404", null, List.of("voice"), 1))
            .get(0)
            .phoneNumber();
        this.telnyx.orderNumber(new NumberOrderRequest(number, CONNECTION, null, "patch-1"));
        this.simulator.control().completePendingOrders();
        OwnedNumber owned = this.telnyx.findOwnedNumber(number).orElseThrow();

        OwnedNumber patched = this.telnyx.updateNumber(owned.id(), new NumberUpdate(null, "patched-1", List.of("t1")));

        assertThat(patched.customerReference()).isEqualTo("patched-1");
        assertThat(this.simulator.ledger().number(number).orElseThrow().customerReference()).isEqualTo("patched-1");
    }

    @Test
    void aReadThatOutlivesTheReadTimeoutIsTransient() {
        TelnyxGateway impatient = gateway(this.properties.baseUrl(), this.properties.apiKey(), Duration.ofMillis(100));
        this.simulator.control().setLatency(Duration.ofMillis(600));

        TelnyxException.Transient timeout = catchThrowableOfType(TelnyxException.Transient.class,
                () -> impatient.searchLocalNumbers(new NumberSearch("415", null, List.of("voice"), 1)));

        assertThat(timeout.httpStatus()).isZero();
        assertThat(timeout.getMessage()).contains("no usable response");
    }

    @Test
    void aSendThatWouldLeaveAfterItsDeadlineIsNotWrittenAndSaysSo() {
        // given a message, and a deadline that has passed by the time the connection is ready
        OutboundMessage message = new OutboundMessage("+13125550100", "+16465550101", "Disk almost full");
        int before = this.simulator.ledger().requests("POST", "/messages").size();

        // when it is sent
        TelnyxException.Late late = catchThrowableOfType(TelnyxException.Late.class,
                () -> this.telnyx.sendMessage(message, Turn.none(), Instant.now().minusMillis(1)));

        // then nothing reached Telnyx, and the failure says so
        assertThat(late).isNotNull();
        assertThat(late.getMessage()).startsWith("POST /messages: not sent");
        assertThat(this.simulator.ledger().requests("POST", "/messages")).hasSize(before);

        // and the deadline was this send's only: within one, the same message is written, and a call without one
        // on the same thread is not checked
        catchThrowable(() -> this.telnyx.sendMessage(message, Turn.none(), Instant.now().plusSeconds(30)));
        assertThat(this.simulator.ledger().requests("POST", "/messages")).hasSize(before + 1);
        assertThat(this.telnyx.searchLocalNumbers(new NumberSearch("415", null, List.of("voice"), 1))).isNotEmpty();
    }

    private LedgerRequest last(String method, String path) {
        List<LedgerRequest> requests = this.simulator.ledger().requests(method, path);
        return requests.get(requests.size() - 1);
    }

    private static TelnyxGateway gateway(URI baseUrl, String apiKey, Duration readTimeout) {
        TelnyxProperties properties = new TelnyxProperties(apiKey, baseUrl, CONNECTION, Duration.ofSeconds(2),
                readTimeout, 200, 4, 1);
        return TelnyxClientConfiguration.telnyxGateway(properties, new RequestBudget() {

            @Override
            public void acquire(Traffic traffic) {
                // These gateways make a handful of calls: the simulator here has no limit to keep.
            }

            @Override
            public void pause(Duration delay) {
            }

        }, Duration.ofSeconds(60), new SimpleMeterRegistry());
    }

}
