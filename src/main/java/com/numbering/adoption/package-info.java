/**
 * Adopting the application's {@code tenants} table: its key type, what cannot be adopted, and the
 * {@code numbering_tenants} view the jobs read tenants through.
 * <p>
 * A shared module: jobs may use it, it never uses a job (checked by ModuleBoundariesTests).
 */
@ApplicationModule(allowedDependencies = { "config" })
package com.numbering.adoption;

import org.springframework.modulith.ApplicationModule;
