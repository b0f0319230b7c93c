package com.numbering.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A gauge whose series exists only once the run has observed its value. Every run's meters are pushed when it ends,
 * failed runs too, and the push replaces the job's group: a gauge registered at 0 before anything was observed would
 * tell the dashboard and the alert rules a state nobody saw (a run that failed early would page "campaign not
 * assigned"). Unknown is no series at all.
 */
public final class ObservedGauge {

    private final MeterRegistry meters;

    private final String name;

    private final String description;

    public ObservedGauge(MeterRegistry meters, String name, String description) {
        this.meters = meters;
        this.name = name;
        this.description = description;
    }

    /** At the start of a run: whatever an earlier run of this process observed is not this run's to push. */
    public void unknown() {
        this.meters.find(this.name).meters().forEach(this.meters::remove);
    }

    /** The run saw this value: the series is pushed with it. */
    public void observed(double value) {
        unknown();
        Gauge.builder(this.name, new double[] { value }, holder -> holder[0]).description(this.description)
            .strongReference(true)
            .register(this.meters);
    }

}
