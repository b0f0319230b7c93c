/**
 * Small shared pieces: commits of their own, even pacing, tasks that all settle, the fence before a spend.
 * <p>
 * A shared module: it may use the other shared modules, never a job.
 */
@ApplicationModule(allowedDependencies = { "nanp", "numbers", "privacy", "telnyx" })
package com.numbering.support;

import org.springframework.modulith.ApplicationModule;
