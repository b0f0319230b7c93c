package com.numbering.launch;

import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * HELP text for every Numbering meter, whichever call site registers it first: a Prometheus family without HELP
 * leaves ops guessing what a series counts.
 */
final class MeterDescriptions implements MeterFilter {

    static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("numbering.telnyx.requests", "Telnyx API calls by operation and outcome (ok, retried, "
                    + "rate_limited, transient, rejected, fatal), each attempt counted"),
            Map.entry("numbering.telnyx.request", "Time Telnyx took to answer one request (each attempt), by operation"),
            Map.entry("numbering.provisioning.tenants", "Tenants handled by this run, by result"),
            Map.entry("numbering.sms.campaign.assigned",
                    "1 when the shared number's 10DLC campaign is assigned, 0 when this run saw it is not"),
            Map.entry("numbering.sms.profile.repairs", "Messaging profile settings put back by this run"),
            Map.entry("numbering.alerts.dispatched", "Client alerts handled by this run, by outcome"),
            Map.entry("numbering.alerts.held", "Client alerts held back by this run, by reason"),
            Map.entry("numbering.alerts.blocked", "1 when the shared number cannot send (10DLC campaign, sender held)"),
            Map.entry("numbering.alerts.runs.budget.spent", "Dispatch runs that stopped claiming alerts when their run "
                    + "budget was spent, leaving the backlog to the next run"),
            Map.entry("numbering.alerts.delivery", "Delivery statuses read back by this run, by status"),
            Map.entry("numbering.alerts.delivery.failed", "Failed deliveries read back by this run, by Telnyx error code"),
            Map.entry("numbering.alerts.sender.held", "Times carriers refused the shared number itself, by error code"),
            Map.entry("numbering.alerts.undelivered.oldest.age", "Age of the oldest sent alert whose delivery is unknown"),
            Map.entry("numbering.reconciliation.findings", "What the last reconciliation found, by kind and action"));

    @Override
    public Meter.Id map(Meter.Id id) {
        String help = HELP.get(id.getName());
        if (help == null || id.getDescription() != null) {
            return id;
        }
        return new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTagsAsIterable()),
                id.getBaseUnit(), help, id.getType());
    }

}
