package com.numbering.telnyx.internal;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.ws.rs.ProcessingException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.TelnyxException.Fatal;
import com.numbering.telnyx.TelnyxException.Rejected;
import com.numbering.telnyx.TelnyxException.Transient;
import com.telnyx.sdk.ApiException;

import static org.assertj.core.api.Assertions.assertThat;

class TelnyxErrorsTests {

    private static final String OPERATION = "POST /number_orders";

    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final TelnyxErrors errors = new TelnyxErrors(new ObjectMapper(), MAX_PAUSE, this.meters);

    @ParameterizedTest
    @ValueSource(strings = { "10009", "20001", "20002", "20003", "20008" })
    void aBadKeyCodeIsFatalAndSaysToSetTheApiKey(String code) {
        // given
        ApiException refused = refusal(400, code);

        // when
        TelnyxException classified = this.errors.classify(OPERATION, refused, true);

        // then
        assertThat(classified).isInstanceOf(Fatal.class).hasMessageContaining("TELNYX_API_KEY");
        assertThat(classified.errorCode()).isEqualTo(code);
        assertThat(classified.httpStatus()).isEqualTo(400);
    }

    @Test
    void aNotAuthorisedAnswerWithoutACodeIsABadKey() {
        // given
        ApiException refused = new ApiException(401, Map.of(), "");

        // when
        TelnyxException classified = this.errors.classify(OPERATION, refused, false);

        // then
        assertThat(classified).isInstanceOf(Fatal.class).hasMessageContaining("TELNYX_API_KEY");
        assertThat(classified.errorCode()).isNull();
    }

    @Test
    void anUnknownVoiceConnectionIsFatalAndNamesItsSetting() {
        // when
        TelnyxException classified = this.errors.classify(OPERATION, refusal(422, "85004"), true);

        // then
        assertThat(classified).isInstanceOf(Fatal.class).hasMessageContaining("TELNYX_VOICE_CONNECTION_ID");
    }

    @Test
    void anUnknownMessagingProfileIsFatalAndNamesItsSetting() {
        // when
        TelnyxException classified = this.errors.classify(OPERATION, refusal(422, "85005"), true);

        // then
        assertThat(classified).isInstanceOf(Fatal.class)
            .hasMessageContaining("telnyx_sms_messaging_profile_id")
            .hasMessageContaining("setupSharedSmsNumberJob");
    }

    @ParameterizedTest
    @ValueSource(strings = { "10010", "20012", "20013", "20014", "20016", "20017", "20100", "10038", "10039",
            "40314" })
    void anAccountCodeIsFatalAndSendsTheHumanToMissionControl(String code) {
        // when
        TelnyxException classified = this.errors.classify(OPERATION, refusal(400, code), true);

        // then
        assertThat(classified).isInstanceOf(Fatal.class).hasMessageContaining("The Telnyx account cannot do this");
        assertThat(classified.errorCode()).isEqualTo(code);
    }

    @Test
    void aForbiddenAnswerWithoutACodeIsAnAccountProblem() {
        // when
        TelnyxException classified = this.errors.classify(OPERATION, new ApiException(403, Map.of(), ""), false);

        // then
        assertThat(classified).isInstanceOf(Fatal.class).hasMessageContaining("The Telnyx account cannot do this");
    }

    @ParameterizedTest
    @ValueSource(strings = { "10007", "10008", "10011", "10036", "10037", "40318", "40320" })
    void aTransientCodeOnAFourHundredIsTriedAgainAndTheWriteKnownNotDone(String code) {
        // when
        TelnyxException classified = this.errors.classify(OPERATION, refusal(400, code), true);

        // then
        assertThat(classified).isInstanceOfSatisfying(Transient.class, retry -> {
            assertThat(retry.retryAfter()).as("no 429, no header: no wait asked").isNull();
            assertThat(retry.outcomeUnknown()).as("a 4xx says the write was not done").isFalse();
            assertThat(retry.isRateLimited()).isFalse();
        });
        assertThat(classified.errorCode()).isEqualTo(code);
    }

    @Test
    void aRateLimitWithoutAResetHeaderWaitsOneSecond() {
        // when
        TelnyxException classified = this.errors.classify(OPERATION, new ApiException(429, Map.of(), ""), true);

        // then
        assertThat(classified).isInstanceOfSatisfying(Transient.class, retry -> {
            assertThat(retry.isRateLimited()).isTrue();
            assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            assertThat(retry.outcomeUnknown()).as("a 429 was not carried out").isFalse();
        });
    }

    @Test
    void aRateLimitWaitsForTheRateLimitResetInFractionalSeconds() {
        // given
        ApiException limited = new ApiException(429, Map.of("x-ratelimit-reset", List.of("2.5")), "");

        // when
        TelnyxException classified = this.errors.classify(OPERATION, limited, false);

        // then
        assertThat(((Transient) classified).retryAfter()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void readsTheResetHeaderWhateverItsCase() {
        // given
        ApiException limited = new ApiException(429, Map.of("X-RateLimit-Reset", List.of(" 7 ")), "");

        // when
        TelnyxException classified = this.errors.classify(OPERATION, limited, false);

        // then
        assertThat(((Transient) classified).retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void fallsBackToRetryAfterWhenThereIsNoRateLimitReset() {
        // given
        ApiException limited = new ApiException(429, Map.of("Retry-After", List.of("4")), "");

        // when
        TelnyxException classified = this.errors.classify(OPERATION, limited, false);

        // then
        assertThat(((Transient) classified).retryAfter()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void prefersTheRateLimitResetToRetryAfter() {
        // given
        ApiException limited = new ApiException(429,
                Map.of("x-ratelimit-reset", List.of("3"), "retry-after", List.of("9")), "");

        // when
        TelnyxException classified = this.errors.classify(OPERATION, limited, false);

        // then
        assertThat(((Transient) classified).retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aResetThatIsNotANumberWaitsTheDefaultSecond() {
        // given an HTTP date, which Retry-After may be
        ApiException limited = new ApiException(429, Map.of("Retry-After", List.of("Wed, 21 Oct 2015 07:28:00 GMT")),
                "");

        // when
        TelnyxException classified = this.errors.classify(OPERATION, limited, false);

        // then
        assertThat(((Transient) classified).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-5", "0", "NaN", "-Infinity" })
    void aResetThatIsNotAPositiveNumberWaitsTheDefaultSecondInsteadOfRetryingAtOnce(String reset) {
        // given a strange answer: a retry at once would only meet the limit again
        ApiException limited = new ApiException(429, Map.of("x-ratelimit-reset", List.of(reset)), "");

        // when
        TelnyxException classified = this.errors.classify(OPERATION, limited, false);

        // then
        assertThat(((Transient) classified).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aResetLongerThanTheMaxPauseIsCutToItAndCounted() {
        // given
        ApiException limited = new ApiException(429, Map.of("x-ratelimit-reset", List.of("3600")), "");

        // when
        TelnyxException classified = this.errors.classify(OPERATION, limited, false);

        // then
        assertThat(((Transient) classified).retryAfter()).isEqualTo(MAX_PAUSE);
        assertThat(this.meters.get("numbering.telnyx.resets.cut").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aResetOfExactlyTheMaxPauseIsKeptAndNotCounted() {
        // given
        ApiException limited = new ApiException(429, Map.of("x-ratelimit-reset", List.of("30")), "");

        // when
        TelnyxException classified = this.errors.classify(OPERATION, limited, false);

        // then
        assertThat(((Transient) classified).retryAfter()).isEqualTo(MAX_PAUSE);
        assertThat(this.meters.get("numbering.telnyx.resets.cut").counter().count()).isZero();
    }

    @Test
    void aServerErrorOnAWriteLeavesTheOutcomeUnknown() {
        // when
        TelnyxException classified = this.errors.classify(OPERATION, new ApiException(502, Map.of(), ""), true);

        // then
        assertThat(classified).isInstanceOfSatisfying(Transient.class, retry -> {
            assertThat(retry.outcomeUnknown()).isTrue();
            assertThat(retry.retryAfter()).as("only a 429 waits by default").isNull();
        });
    }

    @Test
    void aServerErrorOnAReadIsSimplyTriedAgainWhenTelnyxSaysSo() {
        // given
        ApiException unavailable = new ApiException(503, Map.of("Retry-After", List.of("5")), "");

        // when
        TelnyxException classified = this.errors.classify("GET /number_orders", unavailable, false);

        // then
        assertThat(classified).isInstanceOfSatisfying(Transient.class, retry -> {
            assertThat(retry.outcomeUnknown()).isFalse();
            assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void aRequestTimeoutIsTransientAndTheWriteKnownNotDone() {
        // when
        TelnyxException classified = this.errors.classify(OPERATION, new ApiException(408, Map.of(), ""), true);

        // then
        assertThat(classified).isInstanceOfSatisfying(Transient.class,
                retry -> assertThat(retry.outcomeUnknown()).isFalse());
    }

    @Test
    void aClientErrorIsARejectionOfThisItemAlone() {
        // when
        TelnyxException classified = this.errors.classify(OPERATION,
                refusal(422, "85001", "Number not available", "+14155552671 is taken"), true);

        // then
        assertThat(classified).isInstanceOf(Rejected.class)
            .hasMessageContaining("POST /number_orders -> HTTP 422 code 85001 Number not available")
            .hasMessageNotContaining("+14155552671");
        assertThat(classified.errorCode()).isEqualTo("85001");
        assertThat(((Rejected) classified).isNotFound()).isFalse();
    }

    @Test
    void aNotFoundIsARejectionThatSaysSo() {
        // when
        TelnyxException classified = this.errors.classify("GET /phone_numbers/1", refusal(404, "10005"), false);

        // then
        assertThat(classified).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.isNotFound()).isTrue());
    }

    @Test
    void anUnknownCodeIsJudgedByItsStatus() {
        // when
        TelnyxException onClientError = this.errors.classify(OPERATION, refusal(400, "99999"), true);
        TelnyxException onServerError = this.errors.classify(OPERATION, refusal(500, "99999"), true);

        // then
        assertThat(onClientError).isInstanceOf(Rejected.class);
        assertThat(onClientError.errorCode()).isEqualTo("99999");
        assertThat(onServerError).isInstanceOf(Transient.class);
    }

    @Test
    void anUnparseableBodyHasNoCodeAndSaysSo() {
        // given a proxy's page
        ApiException proxy = new ApiException(400, Map.of(), "<html><body>Bad Gateway</body></html>");

        // when
        TelnyxException classified = this.errors.classify(OPERATION, proxy, true);

        // then
        assertThat(classified).isInstanceOf(Rejected.class).hasMessageContaining("(unparseable error body)");
        assertThat(classified.errorCode()).isNull();
    }

    @Test
    void aWriteWithNoUsableResponseMayHaveBeenDone() {
        // given
        ProcessingException timeout = new ProcessingException(new SocketTimeoutException("Read timed out"));

        // when
        TelnyxException classified = this.errors.classify(OPERATION, timeout, true);

        // then
        assertThat(classified).isInstanceOfSatisfying(Transient.class, retry -> {
            assertThat(retry.outcomeUnknown()).isTrue();
            assertThat(retry.httpStatus()).isZero();
            assertThat(retry.retryAfter()).isNull();
        });
        assertThat(classified).hasMessageContaining("SocketTimeoutException: Read timed out");
    }

    @Test
    void aRequestThatNeverLeftIsSimplyRetryable() {
        // when
        TelnyxException classified = this.errors.classify(OPERATION,
                new ProcessingException("Connection refused"), false);

        // then
        assertThat(classified).isInstanceOfSatisfying(Transient.class,
                retry -> assertThat(retry.outcomeUnknown()).isFalse());
    }

    @Test
    void findsAHeaderWhateverItsCaseAndIgnoresEmptyValues() {
        // given
        Map<String, List<String>> headers = Map.of("RETRY-AFTER", List.of("2"), "x-ratelimit-reset", List.of());

        // when / then
        assertThat(TelnyxErrors.header(headers, "retry-after")).isEqualTo("2");
        assertThat(TelnyxErrors.header(headers, "x-ratelimit-reset")).isNull();
        assertThat(TelnyxErrors.header(null, "retry-after")).isNull();
    }

    private static ApiException refusal(int status, String code) {
        return refusal(status, code, "Refused", "");
    }

    private static ApiException refusal(int status, String code, String title, String detail) {
        String body = """
                {"errors": [{"code": "%s", "title": "%s", "detail": "%s"}]}""".formatted(code, title, detail);
        return new ApiException(status, Map.of(), body);
    }

}
