package com.numbering.telnyx.internal;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.numbering.telnyx.TelnyxProperties;
import com.telnyx.sdk.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackgroundClientTests {

    @Test
    void buildsTheClientOnItsOwnThreadThenHandsItToWhoeverAsks() {
        // given
        AtomicReference<String> builtOn = new AtomicReference<>();

        // when
        BackgroundClient client = BackgroundClient.start(properties(4),
                api -> builtOn.set(Thread.currentThread().getName()));
        ApiClient api = client.get();

        // then: configured as HardenedApiClient configures it
        assertThat(api.getBasePath()).isEqualTo("http://192.0.2.1:9/v2");
        assertThat(client.get()).isSameAs(api);
        await(builtOn);
        assertThat(builtOn.get()).isEqualTo("telnyx-client");
    }

    @Test
    void aClientThatCannotBeBuiltStopsTheStartWithItsOwnFailure() {
        // given a pool of no connections, which the HTTP client refuses
        BackgroundClient client = BackgroundClient.start(properties(0), api -> {
            throw new AssertionError("nothing to prime");
        });
        SdkTelnyxGateway gateway = new SdkTelnyxGateway(client, null);

        // when / then: the context's last step (SdkTelnyxGateway is a SmartInitializingSingleton) rethrows it
        assertThatIllegalArgumentException().isThrownBy(gateway::afterSingletonsInstantiated);
    }

    private static TelnyxProperties properties(int maxConcurrentRequests) {
        return new TelnyxProperties("KEY-never-sent", URI.create("http://192.0.2.1:9/v2/"), "connection",
                Duration.ofSeconds(2), Duration.ofSeconds(5), 10, maxConcurrentRequests, 1);
    }

    private static void await(AtomicReference<String> value) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (value.get() == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

}
