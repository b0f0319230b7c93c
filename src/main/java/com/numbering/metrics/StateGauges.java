package com.numbering.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** Gauges set to a value read at the end of a run, one series per name and tags. */
public final class StateGauges {

    private final MeterRegistry meters;

    private final Map<String, double[]> holders = new ConcurrentHashMap<>();

    public StateGauges(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Sets the series {@code name}{@code tags}, registering it (with its unit and HELP) the first time. */
    public void set(String name, String unit, String help, Tags tags, double value) {
        // One holder per series: a process that runs several jobs (demo mode) updates the gauge it registered.
        double[] holder = this.holders.computeIfAbsent(name + tags, key -> {
            double[] created = new double[1];
            Gauge.builder(name, created, h -> h[0]).baseUnit(unit).description(help).tags(tags)
                .strongReference(true)
                .register(this.meters);
            return created;
        });
        holder[0] = value;
    }

}
