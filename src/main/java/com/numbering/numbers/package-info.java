/**
 * Buying a local number: area code, ladder, shared searches, crash-safe purchase.
 * <p>
 * A shared module: it may use the other shared modules, never a job.
 */
@ApplicationModule(allowedDependencies = { "nanp", "privacy", "support", "telnyx" })
package com.numbering.numbers;

import org.springframework.modulith.ApplicationModule;
