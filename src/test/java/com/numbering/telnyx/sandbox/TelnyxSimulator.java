package com.numbering.telnyx.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.numbering.nanp.NanpDirectory;
import com.sun.net.httpserver.HttpServer;

/**
 * A stateful local Telnyx API v2 over real HTTP on 127.0.0.1, for demo mode, tests and staging. It serves number
 * search, number orders, phone numbers, messaging profiles and settings, messages and 10DLC campaign lookups
 * under {@code /v2}, with Telnyx's authentication, rate-limit headers and error shapes; see
 * {@code package-info.java} for the behaviour chosen where Telnyx documents none.
 */
public final class TelnyxSimulator implements AutoCloseable {

    /** Enough handler threads that concurrent clients overlap even while latency sleeps hold threads. */
    static final int THREADS = 64;

    private final HttpServer server;

    private final ExecutorService executor;

    private final SimulatorLedger ledger;

    private final SimulatorControl control;

    private TelnyxSimulator(HttpServer server, ExecutorService executor, SimulatorLedger ledger,
            SimulatorControl control) {
        this.server = server;
        this.executor = executor;
        this.ledger = ledger;
        this.control = control;
    }

    /** Binds an ephemeral loopback port and starts serving. */
    public static TelnyxSimulator start(SimulatorSettings settings) {
        return start(settings, 0);
    }

    /** Binds the given loopback port (0 = ephemeral) and starts serving. */
    public static TelnyxSimulator start(SimulatorSettings settings, int port) {
        SimulatorState state = new SimulatorState(settings, Directory.NANP, Clock.systemUTC());
        Router router = new Router();
        new SearchEndpoint(state).register(router);
        new NumberOrderEndpoints(state).register(router);
        new PhoneNumberEndpoints(state).register(router);
        new NumberMessagingEndpoints(state).register(router);
        new MessagingProfileEndpoints(state).register(router);
        new MessageEndpoints(state).register(router);
        new CampaignEndpoints(state).register(router);
        RateLimiter limiter = new RateLimiter(settings.requestsPerSecond(), settings.burst(), System::nanoTime);
        FaultPlan faults = new FaultPlan();
        SimulatorLedger ledger = new SimulatorLedger(state);
        ledger.faults(faults);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot bind the Telnyx simulator to port " + port, ex);
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", new HttpFrontDoor(state, router, limiter, faults, ledger));
        server.start();
        return new TelnyxSimulator(server, executor, ledger, new SimulatorControl(state, faults, limiter));
    }

    /** {@code http://127.0.0.1:<port>/v2}, the SDK's {@code basePath}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + HttpCodec.BASE_PATH;
    }

    public int port() {
        return this.server.getAddress().getPort();
    }

    public SimulatorLedger ledger() {
        return this.ledger;
    }

    public SimulatorControl control() {
        return this.control;
    }

    @Override
    public void close() {
        this.server.stop(0);
        this.executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "telnyx-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Parsed once per JVM: it is read-only and every simulator needs it. */
    private static final class Directory {

        static final NanpDirectory NANP = NanpDirectory.load();

    }

}
