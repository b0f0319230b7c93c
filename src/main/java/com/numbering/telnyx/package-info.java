/**
 * The {@code TelnyxGateway} port, its records and error classes; the SDK adapter is in {@code internal}, which
 * no other module may use.
 * <p>
 * A shared module: it may use the other shared modules, never a job.
 */
@ApplicationModule(allowedDependencies = { "metrics", "nanp", "numbers", "pacing", "privacy", "support" })
package com.numbering.telnyx;

import org.springframework.modulith.ApplicationModule;
