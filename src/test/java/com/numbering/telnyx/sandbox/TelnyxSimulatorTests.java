package com.numbering.telnyx.sandbox;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.numbering.nanp.AreaCode;
import com.numbering.nanp.NanpDirectory;
import com.numbering.telnyx.sandbox.SimulatorClient.Reply;
import com.telnyx.sdk.ApiClient;
import com.telnyx.sdk.ApiException;
import com.telnyx.sdk.JSON;
import com.telnyx.sdk.api.NumberOrdersApi;
import com.telnyx.sdk.model.CreateNumberOrderRequest;
import com.telnyx.sdk.model.ListAvailablePhoneNumbersResponse;
import com.telnyx.sdk.model.ListNumberOrdersResponse;
import com.telnyx.sdk.model.ListPhoneNumbersResponse;
import com.telnyx.sdk.model.MessageResponse;
import com.telnyx.sdk.model.MessagingProfileResponse;
import com.telnyx.sdk.model.NumberOrder;
import com.telnyx.sdk.model.NumberOrderResponse;
import com.telnyx.sdk.model.OutboundMessagePayloadTo;
import com.telnyx.sdk.model.PhoneNumberDetailed;
import com.telnyx.sdk.model.PhoneNumberResponse1;
import com.telnyx.sdk.model.RetrieveMessagingSettingsResponse;
import javax.ws.rs.ProcessingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelnyxSimulatorTests {

    private static final String CONNECTION = SimulatorSettings.DEFAULT_CONNECTION_ID;

    private final List<TelnyxSimulator> started = new ArrayList<>();

    /** Every response every simulator gives in these tests must conform to Telnyx's OpenAPI subset. */
    private final List<String> responseViolations = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final TrafficObserver responseContract = new TrafficObserver() {

        private final com.numbering.telnyx.sandbox.contract.OpenApiContract contract = com.numbering.telnyx.sandbox.contract.OpenApiContract
            .telnyx();

        @Override
        public void request(String method, String path, java.util.Map<String, List<String>> query, String body) {
            // Requests here are hand-made, some of them malformed on purpose.
        }

        @Override
        public void response(String method, String path, int status, String body) {
            TelnyxSimulatorTests.this.responseViolations.addAll(this.contract.checkResponse(method, path, status, body));
        }

    };

    @AfterEach
    void stopSimulators() {
        this.started.forEach(TelnyxSimulator::close);
        assertThat(this.responseViolations).as("simulator responses that violate the OpenAPI subset").isEmpty();
    }

    @Test
    void rejectsRequestsWithoutTheRightApiKey() {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults());

        Reply anonymous = new SimulatorClient(simulator.baseUrl(), null).get("/phone_numbers");
        Reply wrongKey = new SimulatorClient(simulator.baseUrl(), "not-the-key").get("/phone_numbers");

        for (Reply reply : List.of(anonymous, wrongKey)) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.errorCode()).isEqualTo("10009");
            assertThat(reply.json().at("/errors/0/title").asText()).isEqualTo("Authentication failed");
            assertThat(reply.header("x-ratelimit-limit")).isNotNull();
        }
    }

    @Test
    void searchByAreaCodeReturnsOnlyThatAreaCode() {
        SimulatorClient client = client(start(SimulatorSettings.defaults()));

        Reply reply = search(client, "filter[national_destination_code]", "312", "filter[best_effort]", "false",
                "filter[limit]", "10");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(numbers(reply)).hasSize(10).allMatch(n -> n.startsWith("+1312"));
        assertThat(reply.json().path("data")).allMatch(n -> !n.path("best_effort").asBoolean()
                && n.path("record_type").asText().equals("available_phone_number"));
        assertThat(reply.json().at("/meta/best_effort_results").asInt()).isZero();
        assertThat(reply.json().at("/metadata/total_results").asInt()).isEqualTo(10);
    }

    @Test
    void exhaustedAreaCodeOffersOtherAreaCodesOnlyAsBestEffort() {
        SimulatorClient client = client(start(SimulatorSettings.defaults().withInventory("312", 0)));

        Reply withBestEffort = search(client, "filter[national_destination_code]", "312",
                "filter[phone_number_type]", "local", "filter[best_effort]", "true");
        Reply bestEffortOmitted = search(client, "filter[national_destination_code]", "312",
                "filter[phone_number_type]", "local");
        Reply withoutBestEffort = search(client, "filter[national_destination_code]", "312",
                "filter[phone_number_type]", "local", "filter[best_effort]", "false");

        assertThat(numbers(withBestEffort)).hasSize(10).noneMatch(n -> n.startsWith("+1312"));
        assertThat(withBestEffort.json().path("data")).allMatch(n -> n.path("best_effort").asBoolean());
        assertThat(withBestEffort.json().at("/meta/best_effort_results").asInt()).isEqualTo(10);
        assertThat(numbers(bestEffortOmitted)).isEqualTo(numbers(withBestEffort));
        assertThat(withoutBestEffort.json().path("data")).isEmpty();
        assertThat(withoutBestEffort.json().at("/meta/total_results").asInt()).isZero();
    }

    @Test
    void searchWithoutNumberTypeMayOfferTollFreeNumbers() {
        SimulatorClient client = client(start(SimulatorSettings.defaults().withInventory("312", 0)));

        Reply reply = search(client, "filter[national_destination_code]", "312", "filter[number_type]", "local");

        assertThat(reply.json().path("data")).anyMatch(n -> n.path("phone_number_type").asText().equals("toll_free"));
    }

    @Test
    void administrativeAreaFilterKeepsNumbersInTheState() {
        SimulatorClient client = client(start(SimulatorSettings.defaults()));
        Set<String> illinois = new HashSet<>();
        NanpDirectory.load().geographicCodesIn("IL").stream().map(AreaCode::npa).forEach(illinois::add);

        Reply reply = search(client, "filter[administrative_area]", "IL", "filter[limit]", "50",
                "filter[best_effort]", "false");

        assertThat(numbers(reply)).hasSize(50).allMatch(n -> illinois.contains(n.substring(2, 5)));
        assertThat(reply.json().path("data")).allMatch(n -> n.path("region_information").toString()
            .contains("{\"region_type\":\"state\",\"region_name\":\"IL\"}"));
    }

    @Test
    void featuresFilterAcceptsRepeatedAndCommaSeparatedValues() {
        SimulatorClient client = client(start(SimulatorSettings.defaults()));

        Reply repeated = search(client, "filter[national_destination_code]", "312", "filter[features]", "mms",
                "filter[features]", "emergency", "filter[best_effort]", "false", "filter[limit]", "25");
        Reply commaSeparated = search(client, "filter[national_destination_code]", "312", "filter[features]",
                "mms,emergency", "filter[best_effort]", "false", "filter[limit]", "25");
        Reply unfiltered = search(client, "filter[national_destination_code]", "312", "filter[best_effort]", "false",
                "filter[limit]", "25");

        assertThat(numbers(repeated)).isNotEmpty().isEqualTo(numbers(commaSeparated));
        assertThat(numbers(repeated)).hasSizeLessThan(numbers(unfiltered).size());
        assertThat(repeated.json().path("data")).allMatch(n -> n.path("features").toString().contains("\"mms\"")
                && n.path("features").toString().contains("\"emergency\""));
    }

    @Test
    void sameSeedOffersTheSameNumbers() {
        SimulatorClient first = client(start(SimulatorSettings.defaults().withSeed(7)));
        SimulatorClient second = client(start(SimulatorSettings.defaults().withSeed(7)));
        SimulatorClient other = client(start(SimulatorSettings.defaults().withSeed(8)));

        List<String> numbers = numbers(search(first, "filter[national_destination_code]", "415"));

        assertThat(numbers(search(second, "filter[national_destination_code]", "415"))).isEqualTo(numbers);
        assertThat(numbers(search(other, "filter[national_destination_code]", "415"))).isNotEqualTo(numbers);
    }

    @Test
    void orderedNumberBecomesActiveOnTheConnectionAfterItsOrderOrItsNumberIsLookedAtEnoughTimes() {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults().withPendingPollsBeforeSuccess(2));
        SimulatorClient client = client(simulator);
        String number = firstNumber(client, "312");

        Reply order = order(client, number, CONNECTION, "tenant-7-run-1");
        String orderId = order.json().at("/data/id").asText();

        assertThat(order.status()).isEqualTo(200);
        assertThat(order.json().at("/data/status").asText()).isEqualTo("pending");
        // a look at the purchase-pending number counts as a look at its order
        assertThat(phoneNumber(client, number).path("status").asText()).isEqualTo("purchase-pending");
        assertThat(client.get("/number_orders/" + orderId).json().at("/data/status").asText()).isEqualTo("pending");
        Reply done = client.get("/number_orders/" + orderId);
        assertThat(done.json().at("/data/status").asText()).isEqualTo("success");
        assertThat(done.json().at("/data/phone_numbers/0/status").asText()).isEqualTo("success");
        JsonNode owned = phoneNumber(client, number);
        assertThat(owned.path("status").asText()).isEqualTo("active");
        assertThat(owned.path("connection_id").asText()).isEqualTo(CONNECTION);
        assertThat(owned.path("phone_number_type").asText()).isEqualTo("local");
        assertThat(owned.path("customer_reference").asText()).isEqualTo("tenant-7-run-1");
        assertThat(simulator.ledger().orders()).singleElement()
            .satisfies(o -> assertThat(o.phoneNumbers()).containsExactly(number));
    }

    @Test
    void orderCanIgnoreTheConnectionAndTheCustomerReference() {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults().withAttachConnectionOnOrder(false));
        simulator.control().copyCustomerReferenceToNumbers(false);
        SimulatorClient client = client(simulator);
        String number = firstNumber(client, "212");

        order(client, number, CONNECTION, "tenant-8");

        JsonNode owned = phoneNumber(client, number);
        assertThat(owned.path("connection_id").isNull()).isTrue();
        assertThat(owned.path("customer_reference").isNull()).isTrue();
    }

    @Test
    void stolenNumberCannotBeOrdered() {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults());
        SimulatorClient client = client(simulator);
        String number = firstNumber(client, "312");
        simulator.control().stealNumber(number);

        Reply reply = order(client, number, CONNECTION, "tenant-1");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo("85001");
        assertThat(numbers(search(client, "filter[national_destination_code]", "312"))).doesNotContain(number);
        assertThat(simulator.ledger().orders()).isEmpty();
    }

    @Test
    void nextOrdersCanBeMadeToLoseTheirNumbers() {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults());
        SimulatorClient client = client(simulator);
        List<String> numbers = numbers(search(client, "filter[national_destination_code]", "312"));
        simulator.control().stealNextOrderedNumbers(1);

        assertThat(order(client, numbers.get(0), CONNECTION, "a").errorCode()).isEqualTo("85001");
        assertThat(order(client, numbers.get(1), CONNECTION, "b").status()).isEqualTo(200);
    }

    @Test
    void orderOfANumberNeverSearchedIsRejected() {
        SimulatorClient client = client(start(SimulatorSettings.defaults()));

        Reply reply = order(client, "+13125550123", CONNECTION, "tenant-1");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo("85000");
    }

    @Test
    void orderOnAnUnknownConnectionIsRejected() {
        SimulatorClient client = client(start(SimulatorSettings.defaults()));
        String number = firstNumber(client, "312");

        Reply reply = order(client, number, "no-such-connection", "tenant-1");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo("85004");
    }

    @Test
    void findsAnOrderByItsCustomerReference() {
        SimulatorClient client = client(start(SimulatorSettings.defaults()));
        List<String> numbers = numbers(search(client, "filter[national_destination_code]", "646"));
        order(client, numbers.get(0), CONNECTION, "tenant-1-run-1");
        String wanted = order(client, numbers.get(1), CONNECTION, "tenant-2-run-1").json().at("/data/id").asText();

        Reply reply = client.get("/number_orders", "filter[customer_reference]", "tenant-2-run-1");

        assertThat(reply.json().path("data")).singleElement()
            .satisfies(o -> assertThat(o.path("id").asText()).isEqualTo(wanted));
        assertThat(reply.json().at("/meta/total_results").asInt()).isEqualTo(1);
    }

    @Test
    void pagesThroughSixHundredNumbers() {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults());
        for (int i = 0; i < 600; i++) {
            simulator.control().addOwnedNumber(String.format("+1415%07d", 2_000_000 + i), CONNECTION, null,
                    List.of(), "active");
        }
        SimulatorClient client = client(simulator);
        Set<String> seen = new HashSet<>();

        for (int page = 1; page <= 3; page++) {
            Reply reply = client.get("/phone_numbers", "page[number]", String.valueOf(page), "page[size]", "250");
            JsonNode meta = reply.json().path("meta");
            assertThat(meta.path("page_number").asInt()).isEqualTo(page);
            assertThat(meta.path("page_size").asInt()).isEqualTo(250);
            assertThat(meta.path("total_pages").asInt()).isEqualTo(3);
            assertThat(meta.path("total_results").asInt()).isEqualTo(600);
            assertThat(reply.json().path("data")).hasSize((page < 3) ? 250 : 100);
            reply.json().path("data").forEach(n -> seen.add(n.path("id").asText()));
        }

        assertThat(seen).hasSize(600);
        assertThat(client.get("/phone_numbers", "page[size]", "251").status()).isEqualTo(400);
    }

    @Test
    void phoneNumberFilterWithAPlusFindsNothing() {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults());
        simulator.control().addOwnedNumber("+14155550100", CONNECTION, "t-1", List.of("tenant"), "active");
        SimulatorClient client = client(simulator);

        assertThat(client.get("/phone_numbers", "filter[phone_number]", "+14155550100").json().path("data"))
            .isEmpty();
        assertThat(client.get("/phone_numbers", "filter[phone_number]", "14155550100").json().path("data"))
            .hasSize(1);
        assertThat(client.get("/phone_numbers", "filter[tag]", "tenant").json().path("data")).hasSize(1);
    }

    @Test
    void answers429WithRateLimitHeadersOverTheRate() {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults().withRequestsPerSecond(0.2).withBurst(2));
        SimulatorClient client = client(simulator);

        Reply first = client.get("/phone_numbers");
        Reply second = client.get("/phone_numbers");
        Reply third = client.get("/phone_numbers");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("x-ratelimit-limit")).isEqualTo("2");
        assertThat(first.header("x-ratelimit-remaining")).isEqualTo("1");
        assertThat(second.status()).isEqualTo(200);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.errorCode()).isEqualTo("10011");
        assertThat(third.header("x-ratelimit-remaining")).isEqualTo("0");
        assertThat(Long.parseLong(third.header("x-ratelimit-reset"))).isBetween(1L, 5L);
        assertThat(simulator.ledger().count429()).isEqualTo(1);
    }

    @Test
    void droppedOrderIsPlacedAlthoughTheClientSeesAnIoError() {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults());
        SimulatorClient client = client(simulator);
        String number = firstNumber(client, "312");
        simulator.control().dropAfterProcessing("POST", "/number_orders", 1);
        String body = orderJson(number, CONNECTION, "tenant-3-run-1");

        assertThatThrownBy(() -> client.sendRaw(client.request("/number_orders")
            .POST(HttpRequest.BodyPublishers.ofString(body)))).isInstanceOf(IOException.class);

        assertThat(simulator.ledger().orders()).singleElement()
            .satisfies(o -> assertThat(o.customerReference()).isEqualTo("tenant-3-run-1"));
        assertThat(simulator.ledger().requests("POST", "/number_orders")).singleElement()
            .satisfies(r -> assertThat(r.dropped()).isTrue());
        assertThat(client.get("/number_orders", "filter[customer_reference]", "tenant-3-run-1").json().path("data"))
            .hasSize(1);
    }

    @Test
    void sdkTransportSilentlyResendsADroppedOrderWhichThenLooksSoldOut() throws Exception {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults());
        NumberOrdersApi orders = new NumberOrdersApi(sdkClient(simulator, 5_000));
        String number = firstNumber(client(simulator), "312");
        simulator.control().dropAfterProcessing("POST", "/number_orders", 1);

        assertThatThrownBy(() -> orders.createNumberOrder(sdkOrder(number, "tenant-4-run-1")))
            .isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.getResponseBody()).contains("85001"));

        assertThat(simulator.ledger().requests("POST", "/number_orders")).hasSize(2);
        assertThat(simulator.ledger().orders()).singleElement()
            .satisfies(o -> assertThat(o.customerReference()).isEqualTo("tenant-4-run-1"));
    }

    @Test
    void stalledOrderTimesTheSdkOutWithoutAResend() throws Exception {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults());
        NumberOrdersApi orders = new NumberOrdersApi(sdkClient(simulator, 500));
        String number = firstNumber(client(simulator), "312");
        simulator.control().stallAfterProcessing("POST", "/number_orders", Duration.ofMillis(1_500), 1);

        assertThatThrownBy(() -> orders.createNumberOrder(sdkOrder(number, "tenant-5-run-1")))
            .isInstanceOf(ProcessingException.class)
            .hasRootCauseInstanceOf(SocketTimeoutException.class);

        assertThat(simulator.ledger().requests("POST", "/number_orders")).hasSize(1);
        assertThat(simulator.ledger().orders()).hasSize(1);
    }

    @Test
    void injectedFailureAnswersInsteadOfProcessing() {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults());
        SimulatorClient client = client(simulator);
        String number = firstNumber(client, "312");
        simulator.control().failNext("POST", "/number_orders", 503, "10037", 1);

        Reply failed = order(client, number, CONNECTION, "t");
        Reply retried = order(client, number, CONNECTION, "t");

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.errorCode()).isEqualTo("10037");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(simulator.ledger().orders()).hasSize(1);
    }

    @Test
    void sendsMessagesFromTheProfileNumberAndHonoursStop() {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults());
        SimulatorClient client = client(simulator);
        String numberId = simulator.control().addOwnedNumber("+13125550100", CONNECTION, null, List.of(), "active");
        String profileId = createProfile(client);
        Reply assigned = client.patch("/phone_numbers/" + numberId + "/messaging",
                "{\"messaging_profile_id\":\"" + profileId + "\"}");

        Reply sent = sendMessage(client, "+13125550100", "+16465550101", "Disk almost full");
        simulator.control().blockRecipient("+16465550102");
        Reply blocked = sendMessage(client, "+13125550100", "+16465550102", "Disk almost full");
        Reply badTo = sendMessage(client, "+13125550100", "6465550101", "hi");
        Reply badFrom = sendMessage(client, "+13125550199", "+16465550101", "hi");

        assertThat(assigned.json().at("/data/messaging_profile_id").asText()).isEqualTo(profileId);
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.json().at("/data/to/0/status").asText()).isEqualTo("queued");
        assertThat(sent.json().at("/data/encoding").asText()).isEqualTo("GSM-7");
        assertThat(sent.json().at("/data/parts").asInt()).isEqualTo(1);
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.errorCode()).isEqualTo("40300");
        assertThat(badTo.status()).isEqualTo(400);
        assertThat(badTo.errorCode()).isEqualTo("40310");
        assertThat(badFrom.errorCode()).isEqualTo("40305");
        assertThat(simulator.ledger().messages()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(sent.json().at("/data/id").asText());
            assertThat(m.to()).isEqualTo("+16465550101");
            assertThat(m.acceptedAt()).isNotNull();
        });
    }

    @Test
    void messagingProfileNeedsAWhitelist() {
        SimulatorClient client = client(start(SimulatorSettings.defaults()));

        Reply reply = client.post("/messaging_profiles", "{\"name\":\"alerts\"}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().at("/errors/0/source/pointer").asText()).isEqualTo("/whitelisted_destinations");
    }

    @Test
    void campaignStatusFollowsTheProfileAndTheControl() {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults());
        SimulatorClient client = client(simulator);
        String numberId = simulator.control().addOwnedNumber("+13125550100", CONNECTION, null, List.of(), "active");

        Reply beforeProfile = client.get("/10dlc/phone_number_campaigns/+13125550100");
        client.patch("/phone_numbers/" + numberId + "/messaging",
                "{\"messaging_profile_id\":\"" + createProfile(client) + "\"}");
        Reply assigned = client.get("/10dlc/phone_number_campaigns/+13125550100");
        simulator.control().setCampaignStatus("+13125550100", "PENDING_ASSIGNMENT");
        Reply pending = client.get("/10dlc/phone_number_campaigns/%2B13125550100");

        assertThat(beforeProfile.status()).isEqualTo(404);
        assertThat(assigned.json().path("assignmentStatus").asText()).isEqualTo("ASSIGNED");
        assertThat(assigned.json().has("data")).isFalse();
        assertThat(pending.json().path("assignmentStatus").asText()).isEqualTo("PENDING_ASSIGNMENT");
    }

    @Test
    void deletedNumberLeavesTheInventory() {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults());
        SimulatorClient client = client(simulator);
        String id = simulator.control().addOwnedNumber("+13125550100", CONNECTION, null, List.of(), "active");

        Reply deleted = client.delete("/phone_numbers/" + id);

        assertThat(deleted.json().at("/data/status").asText()).isEqualTo("deleted");
        assertThat(client.get("/phone_numbers/" + id).status()).isEqualTo(404);
        assertThat(client.get("/phone_numbers/" + id).errorCode()).isEqualTo("10005");
        assertThat(simulator.ledger().inventory()).isEmpty();
    }

    @Test
    void concurrentClientsOverlapDespiteLatency() throws Exception {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults().withLatency(Duration.ofMillis(300)));
        SimulatorClient client = client(simulator);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        long start = System.nanoTime();
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                replies.add(pool.submit(() -> client.get("/phone_numbers")));
            }
            for (Future<Reply> reply : replies) {
                assertThat(reply.get().status()).isEqualTo(200);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void observerSeesEveryRequestAndResponse() {
        List<String> seen = new CopyOnWriteArrayList<>();
        TrafficObserver observer = new TrafficObserver() {

            @Override
            public void request(String method, String path, java.util.Map<String, List<String>> query,
                    String body) {
                seen.add("request " + method + " " + path + " " + query);
            }

            @Override
            public void response(String method, String path, int status, String body) {
                seen.add("response " + method + " " + path + " " + status);
            }

        };
        TelnyxSimulator simulator = start(SimulatorSettings.defaults().withObserver(observer));

        search(client(simulator), "filter[national_destination_code]", "312");
        new SimulatorClient(simulator.baseUrl(), null).get("/phone_numbers");

        assertThat(seen).containsExactly(
                "request GET /available_phone_numbers {filter[country_code]=[US], filter[national_destination_code]=[312]}",
                "response GET /available_phone_numbers 200", "request GET /phone_numbers {}",
                "response GET /phone_numbers 401");
    }

    @Test
    void responsesParseWithTheSdkModels() throws Exception {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults().withPendingPollsBeforeSuccess(0));
        SimulatorClient client = client(simulator);
        ObjectMapper sdk = sdkMapper();
        Reply search = search(client, "filter[national_destination_code]", "312");
        String number = numbers(search).get(0);
        Reply order = order(client, number, CONNECTION, "tenant-9");
        String profileId = createProfile(client);
        String numberId = phoneNumber(client, number).path("id").asText();
        Reply settings = client.patch("/phone_numbers/" + numberId + "/messaging",
                "{\"messaging_profile_id\":\"" + profileId + "\"}");
        Reply message = sendMessage(client, number, "+16465550101", "Ünïcode alert ✓");

        ListAvailablePhoneNumbersResponse found = sdk.readValue(search.raw().body(),
                ListAvailablePhoneNumbersResponse.class);
        NumberOrder placed = sdk.readValue(order.raw().body(), NumberOrderResponse.class).getData();
        ListNumberOrdersResponse orders = sdk.readValue(client.get("/number_orders").raw().body(),
                ListNumberOrdersResponse.class);
        ListPhoneNumbersResponse inventory = sdk.readValue(client.get("/phone_numbers").raw().body(),
                ListPhoneNumbersResponse.class);
        MessageResponse sent = sdk.readValue(message.raw().body(), MessageResponse.class);

        assertThat(found.getData()).hasSize(10).allMatch(n -> Boolean.FALSE.equals(n.getBestEffort()));
        assertThat(found.getMeta().getTotalResults()).isEqualTo(10);
        assertThat(placed.getStatus()).isEqualTo(NumberOrder.StatusEnum.SUCCESS);
        assertThat(placed.getPhoneNumbers().get(0).getPhoneNumber()).isEqualTo(number);
        assertThat(orders.getData()).hasSize(1);
        PhoneNumberDetailed detailed = inventory.getData().get(0);
        assertThat(detailed.getStatus()).isEqualTo(PhoneNumberDetailed.StatusEnum.ACTIVE);
        assertThat(detailed.getPhoneNumberType()).as("'local' is unknown to SDK 2.8.0").isNull();
        assertThat(inventory.getMeta().getTotalResults()).isEqualTo(1);
        assertThat(sdk.readValue(settings.raw().body(), RetrieveMessagingSettingsResponse.class).getData()
            .getMessagingProfileId()).isEqualTo(profileId);
        assertThat(sdk.readValue(client.get("/messaging_profiles/" + profileId).raw().body(),
                MessagingProfileResponse.class).getData().getName()).isEqualTo("alerts");
        assertThat(sent.getData().getEncoding()).isEqualTo("UCS-2");
        assertThat(sent.getData().getTo().get(0).getStatus()).isEqualTo(OutboundMessagePayloadTo.StatusEnum.QUEUED);
        assertThat(sdk.readValue(client.delete("/phone_numbers/" + numberId).raw().body(), PhoneNumberResponse1.class)
            .getData().getPhoneNumber()).isEqualTo(number);
    }

    @Test
    void injectedEnumValuesBreakTheSdkDefaultsButNotTheHardenedMapper() throws Exception {
        TelnyxSimulator simulator = start(SimulatorSettings.defaults());
        SimulatorClient client = client(simulator);
        order(client, firstNumber(client, "312"), CONNECTION, "tenant-10");
        simulator.control().injectUnknownEnums(true);

        String body = client.get("/phone_numbers").raw().body();

        assertThat(body).contains("\"provision-pending\"", "\"landline\"");
        assertThatThrownBy(() -> new JSON().getMapper().readValue(body, ListPhoneNumbersResponse.class))
            .hasMessageContaining("Unexpected value");
        PhoneNumberDetailed parsed = sdkMapper().readValue(body, ListPhoneNumbersResponse.class).getData().get(0);
        assertThat(parsed.getStatus()).isNull();
        assertThat(parsed.getPhoneNumberType()).isNull();
    }

    private TelnyxSimulator start(SimulatorSettings settings) {
        TrafficObserver own = settings.observer();
        TelnyxSimulator simulator = TelnyxSimulator.start(settings.withObserver(new TrafficObserver() {

            @Override
            public void request(String method, String path, java.util.Map<String, List<String>> query, String body) {
                own.request(method, path, query, body);
            }

            @Override
            public void response(String method, String path, int status, String body) {
                own.response(method, path, status, body);
                TelnyxSimulatorTests.this.responseContract.response(method, path, status, body);
            }

        }));
        this.started.add(simulator);
        return simulator;
    }

    private static SimulatorClient client(TelnyxSimulator simulator) {
        return new SimulatorClient(simulator.baseUrl(), SimulatorSettings.DEFAULT_API_KEY);
    }

    /** The SDK's own mapper with the two settings the adapter sets (docs/telnyx-sdk.md). */
    @SuppressWarnings("deprecation")
    private static ObjectMapper sdkMapper() {
        ObjectMapper mapper = new JSON().getMapper();
        mapper.enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, true);
        return mapper;
    }

    private static ApiClient sdkClient(TelnyxSimulator simulator, int readTimeoutMillis) {
        ApiClient client = new ApiClient();
        client.setBasePath(simulator.baseUrl());
        client.setBearerToken(SimulatorSettings.DEFAULT_API_KEY);
        client.setConnectTimeout(2_000);
        client.setReadTimeout(readTimeoutMillis);
        return client;
    }

    private static CreateNumberOrderRequest sdkOrder(String number, String reference) {
        CreateNumberOrderRequest request = new CreateNumberOrderRequest().connectionId(CONNECTION)
            .customerReference(reference);
        request.addPhoneNumbersItem(new com.telnyx.sdk.model.PhoneNumber().phoneNumber(number));
        return request;
    }

    private static Reply search(SimulatorClient client, String... filters) {
        String[] query = new String[filters.length + 2];
        query[0] = "filter[country_code]";
        query[1] = "US";
        System.arraycopy(filters, 0, query, 2, filters.length);
        return client.get("/available_phone_numbers", query);
    }

    private static List<String> numbers(Reply search) {
        List<String> numbers = new ArrayList<>();
        search.json().path("data").forEach(n -> numbers.add(n.path("phone_number").asText()));
        return numbers;
    }

    private static String firstNumber(SimulatorClient client, String npa) {
        return numbers(search(client, "filter[national_destination_code]", npa, "filter[best_effort]", "false"))
            .get(0);
    }

    private static Reply order(SimulatorClient client, String number, String connection, String reference) {
        return client.post("/number_orders", orderJson(number, connection, reference));
    }

    private static String orderJson(String number, String connection, String reference) {
        return "{\"phone_numbers\":[{\"phone_number\":\"" + number + "\"}],\"connection_id\":\"" + connection
                + "\",\"customer_reference\":\"" + reference + "\"}";
    }

    private static JsonNode phoneNumber(SimulatorClient client, String number) {
        return client.get("/phone_numbers", "filter[phone_number]", number.substring(1)).json().at("/data/0");
    }

    private static String createProfile(SimulatorClient client) {
        return client.post("/messaging_profiles", "{\"name\":\"alerts\",\"whitelisted_destinations\":[\"US\"]}")
            .json()
            .at("/data/id")
            .asText();
    }

    private static Reply sendMessage(SimulatorClient client, String from, String to, String text) {
        return client.post("/messages", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"text\":\"" + text + "\"}");
    }

}
