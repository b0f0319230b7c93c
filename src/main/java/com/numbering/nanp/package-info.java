/**
 * NANPA's area-code database.
 * <p>
 * A shared module: it may use the other shared modules, never a job.
 */
@ApplicationModule(allowedDependencies = { "numbers", "privacy", "support", "telnyx" })
package com.numbering.nanp;

import org.springframework.modulith.ApplicationModule;
