package com.numbering.telnyx.sandbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Behaviour tests switch at runtime through {@link SimulatorControl}. Fields other than {@code latency} are
 * guarded by the simulator lock; latency is read by every handler thread outside it.
 */
final class Injections {

    volatile Duration latency;

    boolean unknownEnums;

    boolean copyCustomerReference = true;

    int stealNextOrders;

    /** Shown instead of {@code pending} for pending orders, whose numbers are then not listed yet; null: off. */
    String newerOrderStatus;

    final Set<String> blockedRecipients = new HashSet<>();

    final Map<String, String> campaignStatuses = new HashMap<>();

    /** By recipient; anyone else's messages are delivered. */
    final Map<String, DeliveryOutcome> deliveryOutcomes = new HashMap<>();

    Injections(Duration latency) {
        this.latency = latency;
    }

    void reset(Duration baseLatency) {
        this.latency = baseLatency;
        this.unknownEnums = false;
        this.copyCustomerReference = true;
        this.stealNextOrders = 0;
        this.newerOrderStatus = null;
        this.blockedRecipients.clear();
        this.campaignStatuses.clear();
        this.deliveryOutcomes.clear();
    }

}
