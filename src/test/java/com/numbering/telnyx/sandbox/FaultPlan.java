package com.numbering.telnyx.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Injected failures and dropped connections, each armed for a number of matching requests. */
final class FaultPlan {

    /** An error to answer instead of processing the request. */
    record Failure(int status, String code) {

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

    private final List<Rule> failures = new ArrayList<>();

    private final List<Rule> drops = new ArrayList<>();

    synchronized void failNext(String method, String pathRegex, int status, String code, int times) {
        this.failures.add(new Rule(method, pathRegex, new Failure(status, code), Duration.ZERO, times));
    }

    /** After processing, wait {@code stall} (zero: not at all) and close the connection without answering. */
    synchronized void dropAfterProcessing(String method, String pathRegex, Duration stall, int times) {
        this.drops.add(new Rule(method, pathRegex, null, stall, times));
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
