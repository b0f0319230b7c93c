/**
 * When a Telnyx request may leave, for every process of every job: the account's request budget with its traffic
 * classes and the warm-up of a cold process ({@link com.numbering.pacing.AccountPacing}), and the shared SMS number's
 * send window, daily segment cap and per-run spacing ({@link com.numbering.pacing.NumberPacing}). Both keep their
 * state in PostgreSQL, on the database's clock (docs/operations.md "One Telnyx budget for the account").
 * <p>
 * A shared module: it may use the other shared modules, never a job. It does not know the Telnyx SDK; the adapter
 * and the alert sender use it.
 */
@ApplicationModule(allowedDependencies = { "support" })
package com.numbering.pacing;

import org.springframework.modulith.ApplicationModule;
