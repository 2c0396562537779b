package io.reembed.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering ARCHITECTURE.md states, held by the build: a change that breaks a rule fails it. */
@AnalyzeClasses(packages = "io.reembed", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.reembed.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheDemoUsesTheDemo = noClasses().that().resideOutsideOfPackage("io.reembed.local..")
            .should().dependOnClassesThat().resideInAPackage("io.reembed.local..")
            .because("in aws mode nothing needs the emulators; the demo's settings come through configuration");

    @ArchTest
    static final ArchRule theRunModelKnowsNoSdk = noClasses().that().resideInAPackage("io.reembed.runs")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
            .because("runs and bots as stored and shown are the console's own terms");

    @ArchTest
    static final ArchRule theEngineKnowsPortsNotPagesOrStores = noClasses().that()
            .resideInAPackage("io.reembed.runs.engine..").should().dependOnClassesThat()
            .resideInAnyPackage("..web..", "..api..", "io.reembed.runs.store..", "io.reembed.runs.service..",
                    "io.reembed.runs.ecs..", "io.reembed.preflight..", "io.reembed.stuck..", "io.reembed.reports..",
                    "io.reembed.logs..")
            .because("the engine is driven through its ports (RunRepository, EcsTasks, SyncStatusSource, TaskEndings)");

    @ArchTest
    static final ArchRule theEngineSpeaksItsOwnTerms = noClasses().that().resideInAPackage("io.reembed.runs.engine..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk.services..")
            .because("ECS and DynamoDB are behind the ports, which answer in the engine's terms (LaunchOutcome, "
                    + "TaskDescriptions, StopOutcome); only the SDK's own exceptions of failed calls reach it");

    @ArchTest
    static final ArchRule storesServeNoPages = noClasses().that().resideInAnyPackage("..store..", "io.reembed.aws..")
            .should().dependOnClassesThat().resideInAnyPackage("..web..", "..api..");
}
