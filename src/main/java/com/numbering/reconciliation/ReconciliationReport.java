package com.numbering.reconciliation;

import java.util.List;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import com.numbering.reconciliation.FindingRepository.Count;

/**
 * After each run: one summary a person can read (findings by kind and action) and the counter
 * {@code numbering.reconciliation.findings{kind,action}}, both from the findings table, so they always agree.
 */
final class ReconciliationReport implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationReport.class);

    static final String METER = "numbering.reconciliation.findings";

    private final FindingRepository findings;

    private final MeterRegistry meters;

    ReconciliationReport(FindingRepository findings, MeterRegistry meters) {
        this.findings = findings;
        this.meters = meters;
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        List<Count> counts = this.findings.summary(jobExecution.getId());
        counts.forEach(count -> this.meters.counter(METER, "kind", count.kind(), "action", count.action())
            .increment(count.findings()));
        String mode = Run.isDryRun(jobExecution) ? "DRY RUN (nothing changed)" : "run";
        if (jobExecution.getStatus() != BatchStatus.COMPLETED) {
            // A run that stopped part-way has not compared everything: "nothing found" would be a false all-clear.
            log.warn("Reconciliation {} {} did not finish ({}): {} finding(s) recorded before it stopped; "
                    + "the comparison is incomplete, the next run finishes it", mode, jobExecution.getId(),
                    jobExecution.getStatus(), counts.stream().mapToLong(Count::findings).sum());
            return;
        }
        if (counts.isEmpty()) {
            log.info("Reconciliation {} {}: Telnyx and our tables agree, nothing found", mode, jobExecution.getId());
            return;
        }
        String lines = counts.stream()
            .map(c -> String.format("  %-24s %-30s %d", c.kind(), c.action(), c.findings()))
            .collect(Collectors.joining("\n"));
        log.info("Reconciliation {} {}: {} finding(s) (kind, action, count; details in reconciliation_findings):\n{}",
                mode, jobExecution.getId(), counts.stream().mapToLong(Count::findings).sum(), lines);
    }

}
