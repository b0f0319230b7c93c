package com.numbering;

import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import com.numbering.support.RunThreads;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout's promises, checked over the production classes (src/main only): each top-level package is a module;
 * jobs use the shared modules and never each other (package-info's {@code allowedDependencies}); no module reaches
 * into another's {@code internal} package; and only the Telnyx adapter knows the Telnyx SDK.
 */
class ModuleBoundariesTests {

    private static final ApplicationModules modules = ApplicationModules.of(NumberingApplication.class);

    @Test
    void everyTopLevelPackageIsAModule() {
        assertThat(modules.stream().map(module -> module.getIdentifier().toString())).containsExactlyInAnyOrder(
                "adoption", "alerts", "config", "image", "launch", "metrics", "nanp", "numbers", "pacing",
                "privacy", "provisioning", "reconciliation", "sms", "support", "telnyx");
    }

    @Test
    void jobsUseOnlySharedModulesAndNoModuleUsesAnothersInternals() {
        modules.verify();
    }

    private static final JavaClasses production = new ClassFileImporter()
        .withImportOption(new ImportOption.DoNotIncludeTests())
        .importPackages(NumberingApplication.class.getPackageName());

    @Test
    void everyThreadPoolIsMadeByRunThreadsSoItsLinesSayWhichRunWroteThem() {
        noClasses().that()
            .doNotHaveFullyQualifiedName(RunThreads.class.getName())
            .and()
            .doNotHaveFullyQualifiedName(RunThreads.class.getName() + "$ContextPool")
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(Executors.class, ThreadPoolExecutor.class, ScheduledThreadPoolExecutor.class,
                    ForkJoinPool.class)
            .because("a pool made otherwise runs its tasks without the run's MDC (job.name, job.execution.id)")
            .check(production);
    }

    @Test
    void onlyTheTelnyxAdapterKnowsTheTelnyxSdk() {

        noClasses().that()
            .resideOutsideOfPackage("com.numbering.telnyx.internal..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.telnyx.sdk..")
            .because("the SDK's types, quirks and exceptions stay behind the TelnyxGateway port")
            .check(production);
        assertThat(production.stream().filter(type -> type.getPackageName().startsWith("com.numbering.telnyx.internal")))
            .as("the rule above must see the adapter")
            .isNotEmpty();
    }

}
