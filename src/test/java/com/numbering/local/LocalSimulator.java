package com.numbering.local;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;

import com.numbering.telnyx.sandbox.SimulatorSettings;
import com.numbering.telnyx.sandbox.TelnyxSimulator;
import com.numbering.telnyx.sandbox.TrafficObserver;
import com.numbering.telnyx.sandbox.contract.OpenApiContract;

/**
 * Starts the local Telnyx simulator inside this process and points the Telnyx client at it. Its settings come from
 * {@code numbering.local.simulator-*} (seed, latency, request budget, exhausted area codes).
 */
final class LocalSimulator {

    private static final Logger log = LoggerFactory.getLogger(LocalSimulator.class);

    private LocalSimulator() {
    }

    static void start(ConfigurableApplicationContext context, Map<String, Object> properties) {
        Environment env = context.getEnvironment();
        ContractRecorder recorder = env.getProperty("numbering.local.validate-traffic", Boolean.class, true)
                ? new ContractRecorder(OpenApiContract.telnyx()) : null;
        SimulatorSettings settings = SimulatorSettings.defaults()
            .withSeed(env.getProperty("numbering.local.simulator-seed", Long.class, 42L))
            .withLatency(env.getProperty("numbering.local.simulator-latency", Duration.class, Duration.ZERO))
            .withRequestsPerSecond(env.getProperty("numbering.local.simulator-requests-per-second", Double.class, 0.0))
            .withPendingPollsBeforeSuccess(env.getProperty("numbering.local.simulator-pending-polls", Integer.class, 1))
            .withObserver(recorder != null ? recorder : TrafficObserver.NONE);
        String exhausted = env.getProperty("numbering.local.simulator-exhausted-area-codes", "");
        for (String npa : Arrays.stream(exhausted.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            settings = settings.withInventory(npa, 0);
        }
        TelnyxSimulator simulator = TelnyxSimulator.start(settings);
        Duration settle = env.getProperty("numbering.local.simulator-settle-orders-after", Duration.class);
        if (settle != null) {
            simulator.control().settleOrdersAfter(settle);
        }
        context.getBeanFactory().registerSingleton("telnyxSimulator", simulator);
        if (recorder != null) {
            context.getBeanFactory().registerSingleton("telnyxContractRecorder", recorder);
        }
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                simulator.close();
            }
        });
        properties.put("numbering.telnyx.base-url", simulator.baseUrl());
        properties.put("numbering.telnyx.api-key", settings.apiKey());
        properties.put("numbering.telnyx.voice-connection-id", SimulatorSettings.DEFAULT_CONNECTION_ID);
        log.info("Local Telnyx simulator (not Telnyx: nothing is bought) at {}", simulator.baseUrl());
    }

}
