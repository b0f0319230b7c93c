/**
 * {@code setupSharedSmsNumberJob}: the one shared SMS number alerts are sent from.
 * <p>
 * A job module: it uses the shared modules only, never another job (checked by ModuleBoundariesTests).
 */
@ApplicationModule(allowedDependencies = { "config", "metrics", "nanp", "numbers", "privacy", "support", "telnyx" })
package com.numbering.sms;

import org.springframework.modulith.ApplicationModule;
