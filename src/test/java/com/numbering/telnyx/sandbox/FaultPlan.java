package com.numbering.telnyx.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/** Injected failures and dropped connections, each armed for a number of matching requests. */
public final class FaultPlan {

    /**
     * An error to answer instead of processing the request.
     *
     * @param resetSeconds the {@code x-ratelimit-reset} to send with it, or -1 for the token bucket's own
     */
    record Failure(int status, String code, long resetSeconds) {

        Failure(int status, String code) {
            this(status, code, -1);
        }

        ApiResponse toResponse() {
            return new ApiError(this.status, this.code, titleFor(this.code),
                    "Injected by the Telnyx simulator.", null, null)
                .toResponse();
        }

        private static String titleFor(String code) {
            return switch (code) {
                case "10007" -> "Unexpected error";
                case "10008" -> "Request timeout";
                case "10011" -> "Too many requests";
                case "10036" -> "Resource being processed";
                case "10037" -> "Service unavailable";
                case "40318" -> "Message queue full";
                case "20100" -> "Insufficient Funds";
                default -> "Simulated error";
            };
        }

    }

    private static final class Rule {

        private final String method;

        private final Pattern path;

        private final Failure failure;

        private final Duration stall;

        private int remaining;

        Rule(String method, String pathRegex, Failure failure, Duration stall, int times) {
            this.method = method;
            this.path = Pattern.compile(pathRegex);
            this.failure = failure;
            this.stall = stall;
            this.remaining = times;
        }

        boolean matches(String method, String path) {
            return (this.method.equals("*") || this.method.equalsIgnoreCase(method))
                    && this.path.matcher(path).matches();
        }

    }

    /** What a randomly chosen request suffers, when {@link #injectRandomly} is on. */
    public enum Kind {

        /** 500/10007, unprocessed. */
        SERVER_ERROR,
        /** 429/10011, unprocessed. */
        RATE_LIMITED,
        /** Processed, then silent for the stall: a client with a shorter read timeout times out. */
        TIMEOUT,
        /** Processed and answered, after an extra delay. */
        SLOW,
        /** Processed, then the connection closes without an answer. */
        LOST

    }

    private final List<Rule> failures = new ArrayList<>();

    private final Map<Kind, Integer> injected = new EnumMap<>(Kind.class);

    private Random random;

    private double rate;

    private List<Kind> kinds = List.of();

    private Duration stall = Duration.ZERO;

    private Duration slow = Duration.ZERO;

    /**
     * From now on each request suffers, with probability {@code rate} (seeded), one of {@code kinds}, which take turns.
     */
    synchronized void injectRandomly(double rate, long seed, Set<Kind> kinds, Duration stall, Duration slow) {
        this.random = new Random(seed);
        this.rate = rate;
        this.kinds = List.copyOf(new java.util.TreeSet<>(kinds));
        this.stall = stall;
        this.slow = slow;
    }

    /** The random fault this request suffers, if any; counted. */
    synchronized Optional<Kind> roll() {
        if (this.random == null || this.kinds.isEmpty() || this.random.nextDouble() >= this.rate) {
            return Optional.empty();
        }
        // The rate picks the requests at random; the kinds take turns, so that every kind shows within a few faults.
        Kind kind = this.kinds.get(this.injected.values().stream().mapToInt(Integer::intValue).sum() % this.kinds.size());
        this.injected.merge(kind, 1, Integer::sum);
        return Optional.of(kind);
    }

    synchronized Duration stall() {
        return this.stall;
    }

    synchronized Duration slow() {
        return this.slow;
    }

    /** How many random faults of each kind were injected since the simulator started. */
    synchronized Map<Kind, Integer> injected() {
        return Map.copyOf(this.injected);
    }

    private final List<Rule> drops = new ArrayList<>();

    private final List<Rule> proxyErrors = new ArrayList<>();

    synchronized void failNext(String method, String pathRegex, int status, String code, int times) {
        this.failures.add(new Rule(method, pathRegex, new Failure(status, code), Duration.ZERO, times));
    }

    /** After processing, wait {@code stall} (zero: not at all) and close the connection without answering. */
    synchronized void dropAfterProcessing(String method, String pathRegex, Duration stall, int times) {
        this.drops.add(new Rule(method, pathRegex, null, stall, times));
    }

    /** After processing, answer {@code status} with a proxy's HTML page instead of Telnyx's answer. */
    synchronized void proxyErrorAfterProcessing(String method, String pathRegex, int status, int times) {
        this.proxyErrors.add(new Rule(method, pathRegex, new Failure(status, null), Duration.ZERO, times));
    }

    /** The status a proxy answers in Telnyx's place, when this request is to get one. */
    synchronized Optional<Integer> takeProxyError(String method, String path) {
        return take(this.proxyErrors, method, path).map(rule -> rule.failure.status());
    }

    synchronized void rateLimitNext(String method, String pathRegex, long resetSeconds, int times) {
        this.failures.add(new Rule(method, pathRegex, new Failure(429, "10011", resetSeconds), Duration.ZERO, times));
    }

    synchronized Optional<Failure> takeFailure(String method, String path) {
        return take(this.failures, method, path).map(rule -> rule.failure);
    }

    /** How long to stall before closing, when this request is to be dropped. */
    synchronized Optional<Duration> takeDrop(String method, String path) {
        return take(this.drops, method, path).map(rule -> rule.stall);
    }

    synchronized void reset() {
        this.failures.clear();
        this.drops.clear();
        this.proxyErrors.clear();
        this.random = null;
    }

    private static Optional<Rule> take(List<Rule> rules, String method, String path) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext();) {
            Rule rule = it.next();
            if (rule.matches(method, path)) {
                if (--rule.remaining <= 0) {
                    it.remove();
                }
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

}
