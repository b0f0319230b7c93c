package com.numbering.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.numbering.telnyx.sandbox.TrafficObserver;
import com.numbering.telnyx.sandbox.contract.OpenApiContract;

/**
 * Checks every request the simulator receives and every response it sends against Telnyx's OpenAPI subset, and
 * keeps the violations. The test suite fails on any; demo mode reports them.
 */
public final class ContractRecorder implements TrafficObserver {

    private final OpenApiContract contract;

    private final List<String> violations = new CopyOnWriteArrayList<>();

    public ContractRecorder(OpenApiContract contract) {
        this.contract = contract;
    }

    @Override
    public void request(String method, String path, Map<String, List<String>> query, String body) {
        this.violations.addAll(this.contract.checkRequest(method, path, query, body));
    }

    @Override
    public void response(String method, String path, int status, String body) {
        this.contract.checkResponse(method, path, status, body).forEach(v -> this.violations.add("response: " + v));
    }

    public List<String> violations() {
        return List.copyOf(this.violations);
    }

    public void clear() {
        this.violations.clear();
    }

}
