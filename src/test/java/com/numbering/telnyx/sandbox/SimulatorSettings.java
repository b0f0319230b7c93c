package com.numbering.telnyx.sandbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link TelnyxSimulator} behaves when it starts. Everything that decides which numbers exist derives from
 * {@code seed}, so two simulators with equal settings offer the same numbers.
 *
 * @param seed seeds every generated number and id
 * @param apiKey the only bearer token accepted
 * @param voiceConnectionIds connection ids that exist on the simulated account (others give error 85004)
 * @param latency added to every response
 * @param requestsPerSecond token-bucket refill rate; {@code <= 0} means unlimited
 * @param burst token-bucket capacity
 * @param inventoryByAreaCode explicit available-number counts per NPA; an NPA listed with 0 is exhausted
 * @param defaultInventoryPerAreaCode available numbers in every geographic US and toll-free NPA not listed
 * @param pendingPollsBeforeSuccess how many {@code GET /number_orders/{id}} answer {@code pending} before
 *        {@code success}; 0 completes orders as they are placed
 * @param attachConnectionOnOrder when false, ordered numbers come back with {@code connection_id} null, as if
 *        Telnyx had ignored it
 * @param observer sees all traffic; {@link TrafficObserver#NONE} when null
 */
public record SimulatorSettings(long seed, String apiKey, Set<String> voiceConnectionIds, Duration latency,
        double requestsPerSecond, int burst, Map<String, Integer> inventoryByAreaCode,
        int defaultInventoryPerAreaCode, int pendingPollsBeforeSuccess, boolean attachConnectionOnOrder,
        TrafficObserver observer) {

    public static final String DEFAULT_API_KEY = "sim-key";

    public static final String DEFAULT_CONNECTION_ID = "sim-voice-connection";

    public SimulatorSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        voiceConnectionIds = Set.copyOf(voiceConnectionIds);
        latency = (latency != null) ? latency : Duration.ZERO;
        inventoryByAreaCode = Map.copyOf(inventoryByAreaCode);
        observer = (observer != null) ? observer : TrafficObserver.NONE;
        if (latency.isNegative() || burst < 1 || defaultInventoryPerAreaCode < 0 || pendingPollsBeforeSuccess < 0
                || inventoryByAreaCode.values().stream().anyMatch(count -> count < 0)) {
            throw new IllegalArgumentException("Negative latency, burst < 1 or a negative count");
        }
    }

    /** Seed 42, key {@value #DEFAULT_API_KEY}, one connection {@value #DEFAULT_CONNECTION_ID}, no latency, no rate
     * limit (burst 10 once one is set), 25 numbers per NPA, one pending poll, connection attached on order. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(42L, DEFAULT_API_KEY, Set.of(DEFAULT_CONNECTION_ID), Duration.ZERO, 0, 10,
                Map.of(), 25, 1, true, TrafficObserver.NONE);
    }

    public SimulatorSettings withSeed(long seed) {
        return new SimulatorSettings(seed, this.apiKey, this.voiceConnectionIds, this.latency,
                this.requestsPerSecond, this.burst, this.inventoryByAreaCode, this.defaultInventoryPerAreaCode,
                this.pendingPollsBeforeSuccess, this.attachConnectionOnOrder, this.observer);
    }

    public SimulatorSettings withApiKey(String apiKey) {
        return new SimulatorSettings(this.seed, apiKey, this.voiceConnectionIds, this.latency,
                this.requestsPerSecond, this.burst, this.inventoryByAreaCode, this.defaultInventoryPerAreaCode,
                this.pendingPollsBeforeSuccess, this.attachConnectionOnOrder, this.observer);
    }

    public SimulatorSettings withVoiceConnectionIds(Set<String> voiceConnectionIds) {
        return new SimulatorSettings(this.seed, this.apiKey, voiceConnectionIds, this.latency,
                this.requestsPerSecond, this.burst, this.inventoryByAreaCode, this.defaultInventoryPerAreaCode,
                this.pendingPollsBeforeSuccess, this.attachConnectionOnOrder, this.observer);
    }

    public SimulatorSettings withLatency(Duration latency) {
        return new SimulatorSettings(this.seed, this.apiKey, this.voiceConnectionIds, latency,
                this.requestsPerSecond, this.burst, this.inventoryByAreaCode, this.defaultInventoryPerAreaCode,
                this.pendingPollsBeforeSuccess, this.attachConnectionOnOrder, this.observer);
    }

    public SimulatorSettings withRequestsPerSecond(double requestsPerSecond) {
        return new SimulatorSettings(this.seed, this.apiKey, this.voiceConnectionIds, this.latency,
                requestsPerSecond, this.burst, this.inventoryByAreaCode, this.defaultInventoryPerAreaCode,
                this.pendingPollsBeforeSuccess, this.attachConnectionOnOrder, this.observer);
    }

    public SimulatorSettings withBurst(int burst) {
        return new SimulatorSettings(this.seed, this.apiKey, this.voiceConnectionIds, this.latency,
                this.requestsPerSecond, burst, this.inventoryByAreaCode, this.defaultInventoryPerAreaCode,
                this.pendingPollsBeforeSuccess, this.attachConnectionOnOrder, this.observer);
    }

    public SimulatorSettings withInventoryByAreaCode(Map<String, Integer> inventoryByAreaCode) {
        return new SimulatorSettings(this.seed, this.apiKey, this.voiceConnectionIds, this.latency,
                this.requestsPerSecond, this.burst, inventoryByAreaCode, this.defaultInventoryPerAreaCode,
                this.pendingPollsBeforeSuccess, this.attachConnectionOnOrder, this.observer);
    }

    /** Adds or replaces one entry of {@link #inventoryByAreaCode()}. */
    public SimulatorSettings withInventory(String npa, int count) {
        Map<String, Integer> counts = new HashMap<>(this.inventoryByAreaCode);
        counts.put(npa, count);
        return withInventoryByAreaCode(counts);
    }

    public SimulatorSettings withDefaultInventoryPerAreaCode(int defaultInventoryPerAreaCode) {
        return new SimulatorSettings(this.seed, this.apiKey, this.voiceConnectionIds, this.latency,
                this.requestsPerSecond, this.burst, this.inventoryByAreaCode, defaultInventoryPerAreaCode,
                this.pendingPollsBeforeSuccess, this.attachConnectionOnOrder, this.observer);
    }

    public SimulatorSettings withPendingPollsBeforeSuccess(int pendingPollsBeforeSuccess) {
        return new SimulatorSettings(this.seed, this.apiKey, this.voiceConnectionIds, this.latency,
                this.requestsPerSecond, this.burst, this.inventoryByAreaCode, this.defaultInventoryPerAreaCode,
                pendingPollsBeforeSuccess, this.attachConnectionOnOrder, this.observer);
    }

    public SimulatorSettings withAttachConnectionOnOrder(boolean attachConnectionOnOrder) {
        return new SimulatorSettings(this.seed, this.apiKey, this.voiceConnectionIds, this.latency,
                this.requestsPerSecond, this.burst, this.inventoryByAreaCode, this.defaultInventoryPerAreaCode,
                this.pendingPollsBeforeSuccess, attachConnectionOnOrder, this.observer);
    }

    public SimulatorSettings withObserver(TrafficObserver observer) {
        return new SimulatorSettings(this.seed, this.apiKey, this.voiceConnectionIds, this.latency,
                this.requestsPerSecond, this.burst, this.inventoryByAreaCode, this.defaultInventoryPerAreaCode,
                this.pendingPollsBeforeSuccess, this.attachConnectionOnOrder, observer);
    }

}
