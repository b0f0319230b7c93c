package com.numbering.telnyx.internal;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.numbering.telnyx.TelnyxProperties;

import static org.assertj.core.api.Assertions.assertThat;

class ClientPrimingTests {

    @Test
    void theSamplePageAndMessageGoThroughTheRealClientAndParsersOverLoopback() {
        // given the client the gateway is built with, pointed at an address that must never be called
        TelnyxProperties properties = new TelnyxProperties("KEY-never-sent", URI.create("http://192.0.2.1:9/v2"),
                "connection", Duration.ofSeconds(2), Duration.ofSeconds(5), 200, 4, 1);

        // when / then: both paths ran against the loopback: the page (request, answer, JSON reader, page parser) and
        // the message (the SDK's request model written, a chunked body, its answer model read)
        assertThat(ClientPriming.prime(HardenedApiClient.create(properties).getHttpClient(), new TelnyxJson()))
            .isTrue();
    }

}
