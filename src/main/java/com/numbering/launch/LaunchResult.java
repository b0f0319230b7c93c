package com.numbering.launch;

import org.springframework.batch.core.job.JobExecution;

/**
 * What one launch did.
 *
 * @param jobName the job
 * @param execution the execution that ran, or null when nothing ran (lock held elsewhere)
 * @param exitCode the process exit code this launch stands for
 * @param summary one line a person can read
 */
public record LaunchResult(String jobName, JobExecution execution, int exitCode, String summary) {

    public boolean ran() {
        return this.execution != null;
    }

}
