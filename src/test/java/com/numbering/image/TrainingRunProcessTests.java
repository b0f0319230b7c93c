package com.numbering.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.numbering.AppProcess;
import com.numbering.AppProcess.Finished;
import com.numbering.NumberingApplication;
import com.numbering.benchmark.FastStartBuild;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image build's training run (docs/operations.md "Build the image and roll out"): the application refreshes without
 * a database and exits 0, so the JVM writes its CDS archive; without {@link TrainingRun} the same run fails.
 */
class TrainingRunProcessTests {

    @Test
    void theTrainingRunRefreshesWithoutADatabaseAndExitsZeroBeforeAnyJob() throws Exception {
        // given the image build's training options, and no database anywhere
        List<String> options = new ArrayList<>(FastStartBuild.TRAINING_OPTIONS);
        options.add("-Dspring.context.exit=onRefresh");

        // when
        Finished run = AppProcess.start(NumberingApplication.class, Map.of(), options,
                List.of("--spring.batch.job.name=dispatchAlertsJob")).waitForExit();

        // then every bean that does not read the database was created, and no job ran
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("Training run: \\d{3} beans created, \\d need a database")
            .doesNotContain("dispatchAlertsJob COMPLETED")
            .doesNotContain("APPLICATION FAILED TO START");
    }

    @Test
    void withoutTheTrainingRunTheSameStartNeedsADatabase() throws Exception {
        // given the same options without spring.context.exit: a real start, whose database does not exist
        Finished run = AppProcess.start(NumberingApplication.class, Map.of(), FastStartBuild.TRAINING_OPTIONS,
                List.of("--spring.batch.job.name=dispatchAlertsJob", "--spring.datasource.hikari.connection-timeout=2s"))
            .waitForExit();

        // then it fails at start, as before: TrainingRun changes nothing outside the training run
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).doesNotContain("Training run:");
    }

}
