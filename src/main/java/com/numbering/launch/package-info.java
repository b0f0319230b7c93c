/**
 * Job selection, per-job lock, crash recovery, exit codes, the environment guard.
 * <p>
 * A shared module: it may use the other shared modules, never a job.
 */
@ApplicationModule(allowedDependencies = { "config", "metrics", "nanp", "numbers", "privacy", "support", "telnyx" })
package com.numbering.launch;

import org.springframework.modulith.ApplicationModule;
