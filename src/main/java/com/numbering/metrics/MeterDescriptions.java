package com.numbering.metrics;

import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * HELP text for a module's meters, whichever call site registers them first: a Prometheus family without HELP leaves
 * ops guessing what a series counts. Each module that registers meters declares one as a (static) bean.
 */
public final class MeterDescriptions implements MeterFilter {

    private final Map<String, String> help;

    /** @param help meter name ({@code numbering.alerts.dispatched}) to its HELP text */
    public MeterDescriptions(Map<String, String> help) {
        this.help = Map.copyOf(help);
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String text = this.help.get(id.getName());
        if (text == null || id.getDescription() != null) {
            return id;
        }
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), text, id.getType());
    }

}
