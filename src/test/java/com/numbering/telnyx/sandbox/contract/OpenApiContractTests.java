package com.numbering.telnyx.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every valid payload below was written from the schemas in telnyx/openapi-subset.yaml, not from memory; the schema
 * each one follows is named next to it.
 */
class OpenApiContractTests {

    private final OpenApiContract contract = OpenApiContract.telnyx();

    @Nested
    class Routing {

        @Test
        void resolvesSlimToItsOwnOperationNotToTheIdTemplate() {
            // include_tags is declared on /phone_numbers/slim only; /phone_numbers/{id} would reject it
            assertThat(contract.checkRequest("GET", "/phone_numbers/slim", query("include_tags", "true"), null)).isEmpty();
            // SlimPhoneNumberDetailed list; /phone_numbers/{id} would want "data" to be an object
            assertThat(contract.checkResponse("GET", "/phone_numbers/slim", 200, """
                    {"data":[{"id":"1293384261075731499","phone_number":"+14155550100","status":"active"}],
                     "meta":{"page_number":1,"page_size":20,"total_pages":1,"total_results":1}}""")).isEmpty();
        }

        @Test
        void stillRoutesOtherSegmentsToTheIdTemplate() {
            assertThat(contract.checkRequest("GET", "/phone_numbers/1293384261075731499", Map.of(), null)).isEmpty();
            assertThat(contract.checkRequest("GET", "/phone_numbers/1293384261075731499", query("include_tags", "true"), null))
                    .singleElement().asString().contains("'include_tags' is not declared");
        }

        @Test
        void reportsAnUnknownPath() {
            assertThat(contract.checkRequest("GET", "/numbers", Map.of(), null))
                    .containsExactly("GET /numbers: no path of the spec matches");
            assertThat(contract.checkRequest("GET", "/v2/phone_numbers", Map.of(), null)).hasSize(1);
            assertThat(contract.checkResponse("GET", "/numbers", 200, "{}")).hasSize(1);
        }

        @Test
        void reportsAMethodTheSpecDoesNotDeclare() {
            assertThat(contract.checkRequest("PUT", "/phone_numbers/123", Map.of(), "{}"))
                    .containsExactly("PUT /phone_numbers/123: method not declared for /phone_numbers/{id} (declared: DELETE, GET, PATCH)");
            assertThat(contract.checkRequest("DELETE", "/number_orders", Map.of(), null)).hasSize(1);
        }

        @Test
        void acceptsTheMethodInAnyCase() {
            assertThat(contract.checkRequest("get", "/number_orders", Map.of(), null)).isEmpty();
        }

        @Test
        void decodesPercentEncodedPathSegmentsAndKeepsAPlusSign() {
            assertThat(contract.checkRequest("GET", "/10dlc/phone_number_campaigns/%2B18005550199", Map.of(), null)).isEmpty();
            assertThat(contract.checkRequest("GET", "/10dlc/phone_number_campaigns/+18005550199", Map.of(), null)).isEmpty();
            assertThat(contract.checkRequest("GET", "/phone_numbers/%ZZ", Map.of(), null))
                    .singleElement().asString().contains("malformed path");
        }

        @Test
        void doesNotMatchAnEmptyPathParameter() {
            assertThat(contract.checkRequest("GET", "/phone_numbers//messaging", Map.of(), null)).hasSize(1);
        }
    }

    @Nested
    class NumberSearchQuery {

        @Test
        void acceptsTheFiltersTheProvisioningJobSends() {
            Map<String, List<String>> query = query(
                    "filter[country_code]", "US",
                    "filter[phone_number_type]", "local",
                    "filter[national_destination_code]", "415",
                    "filter[features]", "voice",
                    "filter[best_effort]", "false",
                    "filter[exclude_held_numbers]", "true",
                    "filter[limit]", "10");
            assertThat(contract.checkRequest("GET", "/available_phone_numbers", query, null)).isEmpty();
        }

        @Test
        void reportsTheStaleNumberTypeFilterByName() {
            assertThat(contract.checkRequest("GET", "/available_phone_numbers",
                    query("filter[country_code]", "US", "filter[number_type]", "local"), null))
                    .singleElement().asString()
                    .contains("filter[number_type]").contains("not declared");
        }

        @Test
        void reportsAPhoneNumberTypeOutsideTheEnum() {
            assertThat(contract.checkRequest("GET", "/available_phone_numbers",
                    query("filter[phone_number_type]", "toll-free"), null))
                    .singleElement().asString()
                    .contains("filter[phone_number_type]=toll-free").contains("enumeration");
        }

        @Test
        void reportsAnUndeclaredTopLevelParameter() {
            assertThat(contract.checkRequest("GET", "/available_phone_numbers",
                    query("national_destination_code", "415"), null))
                    .containsExactly("GET /available_phone_numbers: query parameter 'national_destination_code' is not declared for this operation");
        }

        @Test
        void reportsTheFilterObjectSentWithoutBrackets() {
            assertThat(contract.checkRequest("GET", "/available_phone_numbers", query("filter", "US"), null))
                    .singleElement().asString().contains("deepObject");
        }

        @Test
        void acceptsFeaturesRepeatedOrCommaSeparated() {
            assertThat(contract.checkRequest("GET", "/available_phone_numbers",
                    query("filter[features]", "voice", "filter[features]", "sms"), null)).isEmpty();
            assertThat(contract.checkRequest("GET", "/available_phone_numbers",
                    query("filter[features]", "voice,sms,emergency"), null)).isEmpty();
        }

        @Test
        void reportsAFeatureOutsideTheItemsEnum() {
            assertThat(contract.checkRequest("GET", "/available_phone_numbers",
                    query("filter[features]", "voice,texting"), null))
                    .singleElement().asString().contains("filter[features]").contains("$[1]").contains("enumeration");
        }

        @Test
        void checksBooleanAndIntegerValues() {
            assertThat(contract.checkRequest("GET", "/available_phone_numbers",
                    query("filter[best_effort]", "no", "filter[limit]", "ten"), null))
                    .hasSize(2)
                    .anySatisfy(violation -> assertThat(violation).contains("filter[best_effort]=no").contains("boolean expected"))
                    .anySatisfy(violation -> assertThat(violation).contains("filter[limit]=ten").contains("integer expected"));
        }

        @Test
        void followsNestedFilterObjects() {
            assertThat(contract.checkRequest("GET", "/available_phone_numbers",
                    query("filter[phone_number][starts_with]", "555", "filter[phone_number][ends_with]", "0100"), null)).isEmpty();
            assertThat(contract.checkRequest("GET", "/available_phone_numbers",
                    query("filter[phone_number][begins_with]", "555"), null))
                    .singleElement().asString().contains("'filter[phone_number]' has no property 'begins_with'");
            assertThat(contract.checkRequest("GET", "/available_phone_numbers",
                    query("filter[country_code][eq]", "US"), null))
                    .singleElement().asString().contains("'filter[country_code]' is not an object");
        }
    }

    @Nested
    class OtherQueries {

        @Test
        void acceptsInventoryFiltersWhoseNamesContainDots() {
            Map<String, List<String>> query = query(
                    "filter[voice.connection_name][contains]", "tenant",
                    "filter[voice.usage_payment_method]", "channel",
                    "filter[number_type][eq]", "local",
                    "filter[status]", "active",
                    "filter[phone_number]", "4155550100",
                    "filter[country_iso_alpha2]", "US",
                    "page[number]", "2",
                    "page[size]", "250",
                    "sort", "purchased_at");
            assertThat(contract.checkRequest("GET", "/phone_numbers", query, null)).isEmpty();
        }

        @Test
        void reportsPageSizeBeyondTheDeclaredMaximumAndUnknownPageKeys() {
            assertThat(contract.checkRequest("GET", "/phone_numbers", query("page[size]", "251", "page[offset]", "3"), null))
                    .hasSize(2)
                    .anySatisfy(violation -> assertThat(violation).contains("page[size]=251").contains("maximum value of 250"))
                    .anySatisfy(violation -> assertThat(violation).contains("'page' has no property 'offset'"));
        }

        @Test
        void reportsANestedEnumViolation() {
            assertThat(contract.checkRequest("GET", "/phone_numbers", query("filter[number_type][eq]", "toll-free"), null))
                    .singleElement().asString().contains("filter[number_type][eq]=toll-free").contains("enumeration");
        }

        @Test
        void usesPlainPageParametersWhereTheSpecDeclaresThem() {
            assertThat(contract.checkRequest("GET", "/10dlc/phone_number_campaigns",
                    query("page", "2", "recordsPerPage", "20", "filter[tcr_campaign_id]", "CAMPID3", "sort", "-createdAt"), null))
                    .isEmpty();
            assertThat(contract.checkRequest("GET", "/10dlc/phone_number_campaigns", query("page[number]", "2"), null))
                    .singleElement().asString().contains("'page' is not a deepObject");
        }

        @Test
        void prefersExplicitlyDeclaredBracketNamesOverTheFilterObject() {
            // /messaging_profiles declares both a filter deepObject (name: string) and a parameter "filter[name][eq]"
            assertThat(contract.checkRequest("GET", "/messaging_profiles",
                    query("filter[name][eq]", "alerts", "filter[name]", "alerts", "page[size]", "10"), null)).isEmpty();
        }
    }

    @Nested
    class RequestBodies {

        @Test
        void acceptsTheNumberOrderTheJobSends() {
            // CreateNumberOrderRequest
            assertThat(contract.checkRequest("POST", "/number_orders", Map.of(), """
                    {"phone_numbers":[{"phone_number":"+14155550100"}],"connection_id":"123","customer_reference":"tenant-1"}"""))
                    .isEmpty();
        }

        @Test
        void reportsANumberOrderWithoutThePhoneNumberOfAnItem() {
            assertThat(contract.checkRequest("POST", "/number_orders", Map.of(), """
                    {"phone_numbers":[{"number":"+14155550100"}]}"""))
                    .containsExactly("POST /number_orders: request body $.phone_numbers[0]: required property 'phone_number' not found");
        }

        @Test
        void reportsWrongTypesInANumberOrder() {
            assertThat(contract.checkRequest("POST", "/number_orders", Map.of(), """
                    {"phone_numbers":"+14155550100","connection_id":123}"""))
                    .hasSize(2)
                    .anySatisfy(violation -> assertThat(violation).contains("$.phone_numbers").contains("array expected"))
                    .anySatisfy(violation -> assertThat(violation).contains("$.connection_id").contains("string expected"));
        }

        @Test
        void acceptsANumberOrderWithoutPhoneNumbersBecauseTheSpecRequiresNoTopLevelProperty() {
            // CreateNumberOrderRequest has no "required" list: an order without numbers conforms to the schema
            assertThat(contract.checkRequest("POST", "/number_orders", Map.of(), "{\"connection_id\":\"123\"}")).isEmpty();
        }

        @Test
        void reportsAMissingRequiredBodyAndABodyWhereNoneIsDeclared() {
            assertThat(contract.checkRequest("POST", "/number_orders", Map.of(), null))
                    .containsExactly("POST /number_orders: request body is required but missing");
            assertThat(contract.checkRequest("GET", "/number_orders", Map.of(), "{}"))
                    .containsExactly("GET /number_orders: request body sent but the operation declares none");
        }

        @Test
        void reportsABodyThatIsNotJson() {
            assertThat(contract.checkRequest("POST", "/number_orders", Map.of(), "{\"phone_numbers\":[]} trailing"))
                    .singleElement().asString().contains("not valid JSON");
            assertThat(contract.checkRequest("POST", "/number_orders", Map.of(), "{\"a\":1,\"a\":2}"))
                    .singleElement().asString().contains("not valid JSON");
        }

        @Test
        void acceptsAPhoneNumberUpdate() {
            // UpdatePhoneNumberRequest
            assertThat(contract.checkRequest("PATCH", "/phone_numbers/1293384261075731499", Map.of(),
                    "{\"connection_id\":\"1\",\"customer_reference\":\"tenant-1\",\"tags\":[\"tenant-1\"]}")).isEmpty();
        }

        @Test
        void acceptsMessagingProfileIdOnPhoneNumberUpdateBecauseTheSchemaAllowsExtraProperties() {
            // UpdatePhoneNumberRequest does not declare messaging_profile_id, but it has no additionalProperties: false,
            // so the spec permits it; PATCH /phone_numbers/{id}/messaging is where the field is declared
            assertThat(contract.checkRequest("PATCH", "/phone_numbers/1293384261075731499", Map.of(),
                    "{\"messaging_profile_id\":\"x\"}")).isEmpty();
            assertThat(contract.checkRequest("PATCH", "/phone_numbers/1293384261075731499/messaging", Map.of(),
                    "{\"messaging_profile_id\":\"3fa85f64-5717-4562-b3fc-2c963f66afa6\"}")).isEmpty();
        }

        @Test
        void reportsAWrongTypeInAPhoneNumberUpdate() {
            assertThat(contract.checkRequest("PATCH", "/phone_numbers/1", Map.of(), "{\"tags\":\"tenant-1\"}"))
                    .singleElement().asString().contains("$.tags").contains("array expected");
        }

        @Test
        void acceptsAMessageAndItsNullableSendAt() {
            // CreateMessageRequest: send_at is [string, 'null']
            assertThat(contract.checkRequest("POST", "/messages", Map.of(), """
                    {"from":"+14155550100","to":"+14155550111","text":"Disk almost full","type":"SMS",
                     "use_profile_webhooks":true,"auto_detect":false,"send_at":null}""")).isEmpty();
        }

        @Test
        void reportsAMessageWithoutRecipientOrWithAnUnknownEncoding() {
            assertThat(contract.checkRequest("POST", "/messages", Map.of(), "{\"from\":\"+14155550100\",\"text\":\"hi\"}"))
                    .singleElement().asString().contains("required property 'to' not found");
            assertThat(contract.checkRequest("POST", "/messages", Map.of(), "{\"to\":\"+14155550111\",\"encoding\":\"utf8\"}"))
                    .singleElement().asString().contains("$.encoding").contains("enumeration");
        }

        @Test
        void reportsANullWhereTheSchemaDoesNotAllowOne() {
            assertThat(contract.checkRequest("POST", "/messages", Map.of(), "{\"to\":\"+14155550111\",\"text\":null}"))
                    .singleElement().asString().contains("$.text").contains("null found, string expected");
        }

        @Test
        void checksRequiredPropertiesAndPatternsOfMessagingProfiles() {
            // CreateMessagingProfileRequest requires name and whitelisted_destinations (^[A-Z]{2}$ items)
            assertThat(contract.checkRequest("POST", "/messaging_profiles", Map.of(),
                    "{\"name\":\"alerts\",\"whitelisted_destinations\":[\"US\"],\"webhook_url\":null}")).isEmpty();
            assertThat(contract.checkRequest("POST", "/messaging_profiles", Map.of(),
                    "{\"name\":\"alerts\",\"whitelisted_destinations\":[\"usa\"]}"))
                    .singleElement().asString().contains("$.whitelisted_destinations[0]").contains("regex");
            assertThat(contract.checkRequest("POST", "/messaging_profiles", Map.of(), "{\"name\":\"alerts\"}"))
                    .singleElement().asString().contains("required property 'whitelisted_destinations' not found");
        }

        @Test
        void acceptsACampaignAssignment() {
            // PhoneNumberCampaignCreate
            assertThat(contract.checkRequest("POST", "/10dlc/phone_number_campaigns", Map.of(),
                    "{\"phoneNumber\":\"+14155550100\",\"campaignId\":\"4b300178-131c-d902-d54e-72d90ba1620j\"}")).isEmpty();
        }
    }

    @Nested
    class Responses {

        @Test
        void acceptsANumberSearchResult() {
            // AvailablePhoneNumber items, AvailablePhoneNumbersMetadata for meta and metadata
            assertThat(contract.checkResponse("GET", "/available_phone_numbers", 200, availableNumbers("false"))).isEmpty();
        }

        @Test
        void reportsBestEffortSentAsAString() {
            assertThat(contract.checkResponse("GET", "/available_phone_numbers", 200, availableNumbers("\"no\"")))
                    .containsExactly("GET /available_phone_numbers -> 200: response body $.data[0].best_effort: string found, boolean expected");
        }

        @Test
        void acceptsANumberOrder() {
            // NumberOrderWithPhoneNumbers with PhoneNumber items
            assertThat(contract.checkResponse("POST", "/number_orders", 200, """
                    {"data":{"id":"12ade33a-21c0-473b-b055-b3c836e1c292","record_type":"number_order",
                      "phone_numbers":[{"id":"dc8e4d67-33a0-4cbb-af74-7b58f05bd494","record_type":"number_order_phone_number",
                        "phone_number":"+14155550100","phone_number_type":"local","country_code":"US",
                        "regulatory_requirements":[],"requirements_met":true,"status":"pending"}],
                      "phone_numbers_count":1,"connection_id":"123","customer_reference":"tenant-1",
                      "sub_number_orders_ids":["2b6a47bb-5b5a-4a2e-a0c6-2bd6ad0a3c3e"],"status":"pending",
                      "requirements_met":true,"created_at":"2026-07-20T10:00:00.000000Z",
                      "updated_at":"2026-07-20T10:00:00.000000Z"}}""")).isEmpty();
        }

        @Test
        void reportsAnOrderStatusOutsideTheEnum() {
            assertThat(contract.checkResponse("GET", "/number_orders/12ade33a-21c0-473b-b055-b3c836e1c292", 200,
                    "{\"data\":{\"id\":\"12ade33a-21c0-473b-b055-b3c836e1c292\",\"status\":\"cancelled\"}}"))
                    .singleElement().asString().contains("$.data.status").contains("enumeration");
        }

        @Test
        void acceptsAnInventoryPageWithNullableFieldsSetToNull() {
            // PhoneNumberDetailed (all its required properties) and PaginationMeta
            assertThat(contract.checkResponse("GET", "/phone_numbers", 200, """
                    {"data":[{"id":"1293384261075731499","record_type":"phone_number","phone_number":"+14155550100",
                      "country_iso_alpha2":"US","status":"active","tags":["tenant-1"],"external_pin":null,
                      "created_at":"2026-07-20T10:00:00Z","phone_number_type":"local","purchased_at":"2026-07-20T10:00:00Z",
                      "deletion_lock_enabled":false,"activated_at":null,"source_type":"number_order",
                      "connection_id":"123","connection_name":null,"customer_reference":"tenant-1",
                      "messaging_profile_id":null,"messaging_profile_name":null,"billing_group_id":null,
                      "emergency_address_id":null,"emergency_enabled":false,"emergency_status":"disabled",
                      "call_forwarding_enabled":true,"call_recording_enabled":false,"caller_id_name_enabled":false,
                      "cnam_listing_enabled":false,"hd_voice_enabled":false,"t38_fax_gateway_enabled":false,
                      "inbound_call_screening":"disabled","updated_at":"2026-07-20T10:00:00Z"}],
                     "meta":{"page_number":1,"page_size":20,"total_pages":1,"total_results":1}}""")).isEmpty();
        }

        @Test
        void reportsAnInventoryItemMissingRequiredFields() {
            assertThat(contract.checkResponse("GET", "/phone_numbers", 200, """
                    {"data":[{"id":"1293384261075731499","phone_number":"+14155550100"}],
                     "meta":{"page_number":1,"page_size":20,"total_pages":1,"total_results":1}}"""))
                    .hasSize(9)
                    .allSatisfy(violation -> assertThat(violation).contains("$.data[0]: required property"));
            assertThat(contract.checkResponse("GET", "/phone_numbers", 200, "{\"data\":[]}"))
                    .singleElement().asString().contains("required property 'meta' not found");
        }

        @Test
        void acceptsACampaignAssignmentWithoutDataWrapper() {
            // PhoneNumberCampaign is the top-level object
            assertThat(contract.checkResponse("GET", "/10dlc/phone_number_campaigns/+14155550100", 200, """
                    {"phoneNumber":"+14155550100","campaignId":"4b300178-131c-d902-d54e-72d90ba1620j",
                     "telnyxCampaignId":"3008dd9f-66d7-40e0-bf23-bf2d8d1a96ba","tcrCampaignId":"CCAMPA1",
                     "brandId":"7ba705b7-22af-493f-addc-ac04b7ca071c","tcrBrandId":"BBRAND1","assignmentStatus":"ASSIGNED",
                     "createdAt":"2026-07-20T10:00:00.000000","updatedAt":"2026-07-20T10:00:00.000000"}""")).isEmpty();
            assertThat(contract.checkResponse("GET", "/10dlc/phone_number_campaigns/+14155550100", 200,
                    "{\"data\":{\"phoneNumber\":\"+14155550100\"}}")).hasSize(4);
        }

        @Test
        void acceptsASentMessage() {
            assertThat(contract.checkResponse("POST", "/messages", 200, "{\"data\":" + outboundMessage() + "}")).isEmpty();
        }

        @Test
        void acceptsARetrievedMessageMatchingExactlyOneOfTheDirections() {
            // data is oneOf OutboundMessagePayload / InboundMessagePayload; direction tells them apart
            assertThat(contract.checkResponse("GET", "/messages/40385f64-5717-4562-b3fc-2c963f66afa6", 200,
                    "{\"data\":" + outboundMessage() + "}")).isEmpty();
        }

        @Test
        void reportsALineTypeTheSpecDoesNotList() {
            String unknownLineType = outboundMessage().replace("\"line_type\":\"Wireless\"", "\"line_type\":\"Unknown\"");
            assertThat(contract.checkResponse("POST", "/messages", 200, "{\"data\":" + unknownLineType + "}"))
                    .singleElement().asString().contains("$.data.to[0].line_type").contains("enumeration");
        }

        @Test
        void acceptsDeclaredErrorBodies() {
            // numbers_UnauthorizedResponse -> numbers_Errors
            assertThat(contract.checkResponse("GET", "/available_phone_numbers", 401, """
                    {"errors":[{"code":"10009","title":"Authentication failed",
                      "detail":"Could not understand the provided credentials.",
                      "meta":{"url":"https://developers.telnyx.com/docs/overview/errors/10009"}}]}""")).isEmpty();
            // 4XX -> messaging_GenericErrorResponse -> messaging_Errors (code and title required)
            assertThat(contract.checkResponse("POST", "/messages", 429, """
                    {"errors":[{"code":"10011","title":"Too many requests","detail":"Rate limit exceeded",
                      "source":{"pointer":"/to"},"meta":{}}]}""")).isEmpty();
            // 4XX -> 10dlc_GenericErrorResponse -> 10dlc_Errors
            assertThat(contract.checkResponse("GET", "/10dlc/phone_number_campaigns/+14155550100", 404,
                    "{\"errors\":[{\"code\":\"10005\",\"title\":\"Resource not found\"}]}")).isEmpty();
        }

        @Test
        void reportsAnErrorCodeSentAsANumber() {
            assertThat(contract.checkResponse("GET", "/available_phone_numbers", 401,
                    "{\"errors\":[{\"code\":10009,\"title\":\"Authentication failed\"}]}"))
                    .singleElement().asString().contains("$.errors[0].code").contains("integer found, string expected");
            assertThat(contract.checkResponse("POST", "/messages", 400, "{\"errors\":[{\"code\":\"40001\"}]}"))
                    .singleElement().asString().contains("required property 'title' not found");
        }

        @Test
        void reportsAStatusTheOperationDoesNotDeclare() {
            assertThat(contract.checkResponse("GET", "/available_phone_numbers", 409, "{\"errors\":[]}"))
                    .containsExactly("GET /available_phone_numbers -> 409: status 409 is not declared (declared: 200, 400, 401, 404, 422, 500)");
            // messaging operations declare 200 and 4XX only
            assertThat(contract.checkResponse("POST", "/messages", 302, "{\"errors\":[]}")).hasSize(1);
            assertThat(contract.checkResponse("DELETE", "/phone_numbers/1", 204, null)).hasSize(1);
        }

        @Test
        void reportsAMissingBodyWhereContentIsDeclared() {
            assertThat(contract.checkResponse("GET", "/phone_numbers/1", 404, ""))
                    .containsExactly("GET /phone_numbers/1 -> 404: response body missing but the status declares content");
            assertThat(contract.checkResponse("GET", "/phone_numbers/1", 200, "<html/>"))
                    .singleElement().asString().contains("not valid JSON");
        }
    }

    @Nested
    class GenericOpenApiFeatures {

        private final OpenApiContract custom = OpenApiContract.load(new ByteArrayInputStream("""
                openapi: 3.1.0
                info: {title: t, version: '1'}
                paths:
                  /things/{thing_id}:
                    parameters:
                    - {name: thing_id, in: path, required: true, schema: {type: integer}}
                    put:
                      parameters:
                      - {name: mode, in: query, required: true, schema: {type: string, enum: [fast, safe]}}
                      requestBody:
                        required: true
                        content:
                          application/json:
                            schema: {$ref: '#/components/schemas/Thing'}
                      responses:
                        '2XX':
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/Thing'}
                        '204': {description: nothing}
                        default: {$ref: '#/components/responses/Problem'}
                components:
                  responses:
                    Problem:
                      description: problem
                      content:
                        application/json:
                          schema: {type: object, required: [message], properties: {message: {type: string}}}
                  schemas:
                    Thing:
                      type: object
                      additionalProperties: false
                      required: [id, name, secret]
                      properties:
                        id: {type: integer, readOnly: true}
                        name: {type: string, example: widget, x-note: annotations only}
                        secret: {type: string, writeOnly: true}
                """.getBytes(StandardCharsets.UTF_8)));

        @Test
        void exemptsReadOnlyPropertiesFromRequiredInRequestsAndWriteOnlyInResponses() {
            assertThat(custom.checkRequest("PUT", "/things/7", query("mode", "fast"), "{\"name\":\"a\",\"secret\":\"s\"}")).isEmpty();
            assertThat(custom.checkResponse("PUT", "/things/7", 200, "{\"id\":7,\"name\":\"a\"}")).isEmpty();
            assertThat(custom.checkRequest("PUT", "/things/7", query("mode", "fast"), "{\"secret\":\"s\"}"))
                    .singleElement().asString().contains("required property 'name' not found");
            assertThat(custom.checkResponse("PUT", "/things/7", 200, "{\"name\":\"a\"}"))
                    .singleElement().asString().contains("required property 'id' not found");
        }

        @Test
        void appliesPathItemParametersAndRequiredQueryParameters() {
            assertThat(custom.checkRequest("PUT", "/things/seven", Map.of(), "{\"name\":\"a\",\"secret\":\"s\"}"))
                    .hasSize(2)
                    .anySatisfy(violation -> assertThat(violation).contains("path parameter thing_id=seven").contains("integer expected"))
                    .anySatisfy(violation -> assertThat(violation).contains("'mode' is required but missing"));
        }

        @Test
        void enforcesAdditionalPropertiesFalse() {
            assertThat(custom.checkRequest("PUT", "/things/7", query("mode", "safe"), "{\"name\":\"a\",\"secret\":\"s\",\"colour\":\"red\"}"))
                    .singleElement().asString().contains("'colour' is not defined in the schema");
        }

        @Test
        void coversStatusesByExactCodeThenRangeThenDefault() {
            assertThat(custom.checkResponse("PUT", "/things/7", 204, null)).isEmpty();
            assertThat(custom.checkResponse("PUT", "/things/7", 204, "{}"))
                    .containsExactly("PUT /things/7 -> 204: response body sent but the status declares no content");
            assertThat(custom.checkResponse("PUT", "/things/7", 201, "{\"id\":7,\"name\":\"a\"}")).isEmpty();
            assertThat(custom.checkResponse("PUT", "/things/7", 503, "{\"message\":\"down\"}")).isEmpty();
            assertThat(custom.checkResponse("PUT", "/things/7", 503, "{\"detail\":\"down\"}")).hasSize(1);
        }
    }

    @Test
    void givesTheSameAnswersWhenSharedByManyThreads() throws Exception {
        OpenApiContract fresh = OpenApiContract.load(getClass().getClassLoader().getResourceAsStream("telnyx/openapi-subset.yaml"));
        List<String> expected = List.of(
                "GET /available_phone_numbers: query filter[phone_number_type]=toll-free: does not have a value in the enumeration [\"local\", \"toll_free\", \"mobile\", \"national\", \"shared_cost\"]",
                "GET /available_phone_numbers: query parameter 'filter[number_type]' is not declared ('filter' has no property 'number_type')");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int round = i;
                results.add(pool.submit(() -> {
                    fresh.checkResponse("POST", "/number_orders", 200, "{\"data\":{\"status\":\"pending\"}}");
                    fresh.checkRequest("PATCH", "/phone_numbers/" + round, Map.of(), "{\"connection_id\":\"1\"}");
                    return fresh.checkRequest("GET", "/available_phone_numbers",
                            query("filter[phone_number_type]", "toll-free", "filter[number_type]", "local"), null);
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).containsExactlyElementsOf(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A query map from name/value pairs; a repeated name adds a value, as a repeated query parameter does. */
    private static Map<String, List<String>> query(String... pairs) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.computeIfAbsent(pairs[i], name -> new ArrayList<>()).add(pairs[i + 1]);
        }
        return query;
    }

    private static String availableNumbers(String bestEffort) {
        return """
                {"data":[{"phone_number":"+14155550100","record_type":"available_phone_number","best_effort":%s,
                  "quickship":true,"reservable":true,"vanity_format":"",
                  "region_information":[{"region_type":"country_code","region_name":"US"},
                    {"region_type":"rate_center","region_name":"SAN FRANCISCO"},{"region_type":"state","region_name":"CA"}],
                  "cost_information":{"upfront_cost":"1.00","monthly_cost":"1.00","currency":"USD"},
                  "features":[{"name":"voice"},{"name":"sms"},{"name":"emergency"}]}],
                 "meta":{"total_results":1,"best_effort_results":0},
                 "metadata":{"total_results":1,"best_effort_results":0}}""".formatted(bestEffort);
    }

    /** OutboundMessagePayload as POST /messages answers right after queueing. */
    private static String outboundMessage() {
        return """
                {"record_type":"message","direction":"outbound","id":"40385f64-5717-4562-b3fc-2c963f66afa6","type":"SMS",
                 "messaging_profile_id":"4000eba1-a0c0-4563-9925-b25e842a7cb6",
                 "organization_id":"b448f9cc-a842-4784-98e9-03c1a5872950",
                 "from":{"phone_number":"+14155550100","carrier":"TELNYX LLC","line_type":"VoIP"},
                 "to":[{"phone_number":"+14155550111","status":"queued","carrier":"T-MOBILE USA, INC.","line_type":"Wireless"}],
                 "cc":[],"text":"Disk almost full","subject":null,"media":[],"webhook_url":null,"webhook_failover_url":null,
                 "encoding":"GSM-7","parts":1,"num_chars":16,"tags":[],"cost":null,"cost_breakdown":null,
                 "tcr_campaign_id":null,"tcr_campaign_billable":false,"tcr_campaign_registered":null,
                 "received_at":"2026-07-20T10:00:00.000+00:00","sent_at":null,"completed_at":null,
                 "valid_until":"2026-07-20T11:00:00.000+00:00","errors":[],"wait_seconds":0.0,"smart_encoding_applied":false}""";
    }
    @Test
    void acceptsARateLimitResponseWithTheOperationsErrorBodyAlthoughTheSpecDoesNotDeclare429() {
        String tooManyRequests = """
                {"errors":[{"code":"10011","title":"Too many requests","detail":"You have exceeded the maximum number of allowed requests."}]}""";

        assertThat(contract.checkResponse("GET", "/available_phone_numbers", 429, tooManyRequests)).isEmpty();
        assertThat(contract.checkResponse("POST", "/number_orders", 503, tooManyRequests)).isEmpty();
        assertThat(contract.checkResponse("GET", "/available_phone_numbers", 429, """
                {"errors":[{"code":10011}]}""")).isNotEmpty();
        assertThat(contract.checkResponse("GET", "/available_phone_numbers", 418, tooManyRequests)).isNotEmpty();
    }

}
