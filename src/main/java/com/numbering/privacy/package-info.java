/**
 * Redaction of what must not reach a log in full.
 * <p>
 * A shared module: it may use the other shared modules, never a job.
 */
@ApplicationModule(allowedDependencies = { "nanp", "numbers", "support", "telnyx" })
package com.numbering.privacy;

import org.springframework.modulith.ApplicationModule;
