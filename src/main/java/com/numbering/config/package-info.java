/**
 * What a job checks before it starts, and the error that stops a launch with exit code 78: configuration that
 * cannot work, named with how to fix it.
 * <p>
 * A shared module: the jobs and the launcher use it, it uses no job and not the launcher.
 */
@ApplicationModule(allowedDependencies = { "telnyx" })
package com.numbering.config;

import org.springframework.modulith.ApplicationModule;
