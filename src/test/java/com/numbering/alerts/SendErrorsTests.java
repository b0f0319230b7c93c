package com.numbering.alerts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.numbering.alerts.SendErrors.Concern;

import static org.assertj.core.api.Assertions.assertThat;

class SendErrorsTests {

    @ParameterizedTest(name = "{0} concerns {1}")
    @CsvSource(delimiter = '|', textBlock = """
            40300 | OPTED_OUT
            40309 | RECIPIENT
            40310 | RECIPIENT
            40001 | RECIPIENT
            40012 | RECIPIENT
            10001 | RECIPIENT
            10002 | RECIPIENT
            10016 | RECIPIENT
            40301 | CONTENT
            40319 | CONTENT
            40302 | CONTENT
            40304 | CONTENT
            40316 | CONTENT
            40317 | CONTENT
            40322 | CONTENT
            40328 | CONTENT
            40009 | CONTENT
            10015 | CONTENT
            40305 | SENDER
            40312 | SENDER
            40315 | SENDER
            40321 | SENDER
            40329 | SENDER
            40330 | SENDER
            40331 | SENDER
            40333 | SENDER
            40010 | SENDER
            40013 | SENDER
            40003 | SENDER
            40015 | SENDER
            40019 | SENDER
            10011 | LATER
            40318 | LATER
            40320 | LATER
            10007 | LATER
            10008 | LATER
            10036 | LATER
            10037 | LATER
            40006 | LATER
            40008 | LATER
            """)
    void eachTelnyxMessagingCodeConcernsWhatItRefuses(String code, Concern concern) {
        // when
        Concern found = SendErrors.concernOf(code);

        // then
        assertThat(found).isEqualTo(concern);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "99999", "40311", "", "40300 " })
    void aCodeOutsideTelnyxsListAsWeKnowItConcernsNothingKnown(String code) {
        // when
        Concern found = SendErrors.concernOf(code);

        // then
        assertThat(found).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "40010", "40003", "40013", "40015", "40019" })
    void aDeliveryFailureSayingTheSharedNumberIsRefusedHoldsTheSender(String code) {
        // when
        boolean holds = SendErrors.holdsTheSender(code);

        // then
        assertThat(holds).isTrue();
        assertThat(SendErrors.concernOf(code)).as("a sender problem at send time too").isEqualTo(Concern.SENDER);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "40305", "40300", "40309", "10011", "99999" })
    void anyOtherDeliveryFailureLeavesTheSenderAlone(String code) {
        // when
        boolean holds = SendErrors.holdsTheSender(code);

        // then
        assertThat(holds).isFalse();
    }

}
