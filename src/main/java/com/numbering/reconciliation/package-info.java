/**
 * {@code reconcileInventoryJob}: Telnyx's inventory against our tables.
 * <p>
 * A job module: it uses the shared modules only, never another job (checked by ModuleBoundariesTests).
 */
@ApplicationModule(
        allowedDependencies = { "adoption", "config", "metrics", "nanp", "numbers", "privacy", "support", "telnyx" })
package com.numbering.reconciliation;

import org.springframework.modulith.ApplicationModule;
