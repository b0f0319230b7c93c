package com.numbering.reconciliation;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

import static org.assertj.core.api.Assertions.assertThat;

class ReconciliationReportTests {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    private final Logger logger = (Logger) LoggerFactory.getLogger(ReconciliationReport.class);

    /** No findings recorded: what a run that died before comparing anything leaves behind. */
    private final ReconciliationReport report = new ReconciliationReport(new FindingRepository(null) {
        @Override
        List<Count> summary(long jobExecutionId) {
            return List.of();
        }
    }, new SimpleMeterRegistry());

    private ch.qos.logback.classic.Level levelBefore;

    @BeforeEach
    void listen() {
        // Another test's Spring context may have left com.numbering at WARN: this test reads INFO lines.
        this.levelBefore = this.logger.getLevel();
        this.logger.setLevel(ch.qos.logback.classic.Level.INFO);
        this.logged.start();
        this.logger.addAppender(this.logged);
    }

    @AfterEach
    void stopListening() {
        this.logger.detachAppender(this.logged);
        this.logger.setLevel(this.levelBefore);
    }

    @Test
    void aRunThatFailedPartWayNeverReportsThatEverythingAgrees() {
        // given
        JobExecution execution = new JobExecution(42L, new JobInstance(7L, "reconcileInventoryJob"),
                new JobParameters());
        execution.setStatus(BatchStatus.FAILED);

        // when
        this.report.afterJob(execution);

        // then
        assertThat(this.logged.list).extracting(ILoggingEvent::getFormattedMessage)
            .noneMatch(line -> line.contains("agree"))
            .anyMatch(line -> line.contains("did not finish (FAILED)") && line.contains("incomplete"));
    }

    @Test
    void aCompletedRunWithoutFindingsSaysTheyAgree() {
        // given
        JobExecution execution = new JobExecution(43L, new JobInstance(8L, "reconcileInventoryJob"),
                new JobParameters());
        execution.setStatus(BatchStatus.COMPLETED);

        // when
        this.report.afterJob(execution);

        // then
        assertThat(this.logged.list).extracting(ILoggingEvent::getFormattedMessage)
            .anyMatch(line -> line.contains("Telnyx and our tables agree"));
    }

}
