/**
 * {@code provisionVoiceNumbersJob}: a local voice number for every active tenant.
 * <p>
 * A job module: it uses the shared modules only, never another job (checked by ModuleBoundariesTests).
 */
@ApplicationModule(
        allowedDependencies = { "adoption", "config", "metrics", "nanp", "numbers", "privacy", "support", "telnyx" })
package com.numbering.provisioning;

import org.springframework.modulith.ApplicationModule;
