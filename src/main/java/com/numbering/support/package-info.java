/**
 * Small shared pieces: job parameter rules, thread pools that carry the run, backoff, the fence before a spend.
 * <p>
 * A shared module: it may use the other shared modules, never a job.
 */
@ApplicationModule(allowedDependencies = { "nanp", "numbers", "privacy", "telnyx" })
package com.numbering.support;

import org.springframework.modulith.ApplicationModule;
