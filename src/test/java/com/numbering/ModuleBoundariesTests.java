package com.numbering;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** The code we write: not what the build generates from it ahead of time (process-aot: bean definitions, proxies). */
    private static final JavaClasses production = new ClassFileImporter()
        .withImportOption(new ImportOption.DoNotIncludeTests())
        .withImportOption(location -> !location.contains("__") && !location.contains("$$SpringCGLIB$$"))
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
    void noStepHoldsADatabaseTransactionSoEveryWriteAheadStateCommitsBeforeItsCall() {
        noClasses().should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework.transaction..")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("TransactionManager")
            .because("steps run on Spring Batch's resourceless transaction manager (a step built without one): each "
                    + "statement commits by itself, so an intent or 'sending' is durable before the Telnyx call it "
                    + "guards; a chunk transaction would hold it back until after the call")
            .check(production);
    }

    /** The jobs' names and the tables only jobs write: what {@code launch} must not know (it runs any job). */
    private static final Pattern JOB_OR_JOB_TABLE = Pattern.compile("provisionVoiceNumbersJob|reconcileInventoryJob|"
            + "dispatchAlertsJob|setupSharedSmsNumberJob|\\b(tenants|client_alerts|sms_consents|sms_send_windows|"
            + "system_config|reconciliation_findings|reconciliation_unowned_numbers|inventory_snapshot|"
            + "provisioning_plans)\\b");

    /** String literals and text blocks, not comments: what the code says to the database or the framework. */
    private static final Pattern STRING_LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\n]|\\\\.)*)\"",
            Pattern.DOTALL);

    @Test
    void launchNamesNoJobAndNoJobsTable() throws IOException {
        noClasses().that()
            .resideInAPackage("com.numbering.launch..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.numbering.provisioning..", "com.numbering.reconciliation..",
                    "com.numbering.alerts..", "com.numbering.sms..")
            .because("launch runs whichever job it is given; each job owns its figures, tables and names")
            .check(production);
        List<String> named;
        try (var sources = Files.walk(Path.of("src/main/java/com/numbering/launch"))) {
            named = sources.filter(path -> path.toString().endsWith(".java"))
                .flatMap(path -> namedJobsOrTables(path).stream())
                .toList();
        }
        assertThat(named).as("job names or job tables in launch's string literals").isEmpty();
        assertThat(namedJobsOrTables("String sql = \"SELECT count(*) FROM client_alerts\";"))
            .as("the text check finds what it looks for").isNotEmpty();
    }

    private static List<String> namedJobsOrTables(Path source) {
        try {
            return namedJobsOrTables(Files.readString(source)).stream()
                .map(found -> source.getFileName() + ": " + found)
                .toList();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static List<String> namedJobsOrTables(String code) {
        Matcher literal = STRING_LITERAL.matcher(code);
        List<String> found = new ArrayList<>();
        while (literal.find()) {
            String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
            Matcher name = JOB_OR_JOB_TABLE.matcher(text);
            while (name.find()) {
                found.add(name.group());
            }
        }
        return found;
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
