/**
 * The alert outbox and {@code dispatchAlertsJob}.
 * <p>
 * A job module: it uses the shared modules only, never another job (checked by ModuleBoundariesTests).
 */
@ApplicationModule(allowedDependencies = { "config", "metrics", "nanp", "numbers", "pacing", "privacy", "support", "telnyx" })
package com.numbering.alerts;

import org.springframework.modulith.ApplicationModule;
