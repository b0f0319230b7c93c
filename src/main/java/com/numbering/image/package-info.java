/**
 * What the image build needs from the application: the training run that fills the image's CDS archive
 * ({@code spring-boot:build-image} in pom.xml, docs/operations.md "Build the image and roll out"). Active only in that run.
 * <p>
 * It uses no other module, and no module uses it.
 */
@ApplicationModule(allowedDependencies = {})
package com.numbering.image;

import org.springframework.modulith.ApplicationModule;
