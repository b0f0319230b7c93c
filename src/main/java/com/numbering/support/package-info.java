/**
 * Small shared pieces: commits of their own, even pacing, tasks that all settle.
 * <p>
 * A shared module: it may use the other shared modules, never a job.
 */
@ApplicationModule(allowedDependencies = { "launch", "nanp", "numbers", "privacy", "telnyx" })
package com.numbering.support;

import org.springframework.modulith.ApplicationModule;
