package com.numbering.telnyx.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What happened on the simulated account, for tests to read. Every method returns an immutable snapshot. */
public final class SimulatorLedger {

    private final SimulatorState state;

    private final List<LedgerRequest> requests = new ArrayList<>();

    private final List<String> observerFailures = new ArrayList<>();

    private int count429;

    private FaultPlan faults;

    SimulatorLedger(SimulatorState state) {
        this.state = state;
    }

    void faults(FaultPlan faults) {
        this.faults = faults;
    }

    /** Random faults injected so far ({@link SimulatorControl#injectFaults}), by kind. */
    public java.util.Map<FaultPlan.Kind, Integer> faultsInjected() {
        return this.faults == null ? java.util.Map.of() : this.faults.injected();
    }

    /** Every number order placed, oldest first, with its current status. */
    public List<LedgerOrder> orders() {
        synchronized (this.state) {
            return this.state.orders.values().stream().map(PlacedOrder::toLedger).toList();
        }
    }

    /** Every message accepted, oldest first. */
    public List<LedgerMessage> messages() {
        synchronized (this.state) {
            return List.copyOf(this.state.acceptedMessages);
        }
    }

    /** The numbers on the account now, in creation order. */
    public List<LedgerNumber> inventory() {
        synchronized (this.state) {
            return this.state.numbers().stream().map(OwnedNumber::toLedger).toList();
        }
    }

    public Optional<LedgerNumber> number(String e164) {
        synchronized (this.state) {
            return this.state.numberByE164(e164).map(OwnedNumber::toLedger);
        }
    }

    /** Every request received, in the order they were answered (or dropped). */
    /** How many requests arrived so far; cheaper than {@link #requests()} for a caller that polls. */
    public synchronized int requestCount() {
        return this.requests.size();
    }

    public synchronized List<LedgerRequest> requests() {
        return List.copyOf(this.requests);
    }

    /** The requests with this method whose path (without {@code /v2}) matches the regex. */
    public synchronized List<LedgerRequest> requests(String method, String pathRegex) {
        Pattern path = Pattern.compile(pathRegex);
        return this.requests.stream()
            .filter(r -> r.method().equalsIgnoreCase(method) && path.matcher(r.path()).matches())
            .toList();
    }

    /** How many 429 responses were sent, by the rate limiter or by an injected failure. */
    public synchronized int count429() {
        return this.count429;
    }

    /** What the {@link TrafficObserver} threw, if anything (a validator's complaints, for example). */
    public synchronized List<String> observerFailures() {
        return List.copyOf(this.observerFailures);
    }

    synchronized void record(LedgerRequest request) {
        this.requests.add(request);
        if (request.status() == 429) {
            this.count429++;
        }
    }

    synchronized void recordObserverFailure(String failure) {
        this.observerFailures.add(failure);
    }

    /**
     * The most requests that arrived within any one second (a sliding window over arrival times, as a rate limiter
     * counts them).
     *
     * @param arrivals arrival times in order
     */
    public static long busiestSecond(List<java.time.Instant> arrivals) {
        long busiest = 0;
        int from = 0;
        for (int to = 0; to < arrivals.size(); to++) {
            while (java.time.Duration.between(arrivals.get(from), arrivals.get(to))
                .compareTo(java.time.Duration.ofSeconds(1)) >= 0) {
                from++;
            }
            busiest = Math.max(busiest, to - from + 1);
        }
        return busiest;
    }

}
