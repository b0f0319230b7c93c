/**
 * What a job contributes to the figures its run pushes: {@link com.numbering.metrics.JobFigures} (its meter name
 * prefixes, its counters at zero, the states it owns), HELP for its meters, gauges that exist only once observed.
 * <p>
 * A shared module: the jobs implement it and the launcher reads it; it names no job and uses no other module.
 */
@ApplicationModule(allowedDependencies = {})
package com.numbering.metrics;

import org.springframework.modulith.ApplicationModule;
