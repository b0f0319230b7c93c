package com.numbering.telnyx.sandbox;

import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulator on its own for staging: {@code --port=8099} (default), {@code --seed=42},
 * {@code --api-key=…} (default {@value SimulatorSettings#DEFAULT_API_KEY}). Blocks until the JVM stops.
 */
public final class TelnyxSimulatorMain {

    private static final Logger log = LoggerFactory.getLogger(TelnyxSimulatorMain.class);

    private TelnyxSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 8099;
        SimulatorSettings settings = SimulatorSettings.defaults();
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            }
            else if (arg.startsWith("--seed=")) {
                settings = settings.withSeed(Long.parseLong(arg.substring("--seed=".length())));
            }
            else if (arg.startsWith("--api-key=")) {
                settings = settings.withApiKey(arg.substring("--api-key=".length()));
            }
            else {
                throw new IllegalArgumentException("Unknown argument " + arg + "; expected --port=, --seed=, --api-key=");
            }
        }
        TelnyxSimulator simulator = TelnyxSimulator.start(settings, port);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "telnyx-simulator-shutdown"));
        log.info("Telnyx simulator serving {} (seed {}, voice connection {})", simulator.baseUrl(), settings.seed(),
                SimulatorSettings.DEFAULT_CONNECTION_ID);
        new CountDownLatch(1).await();
    }

}
