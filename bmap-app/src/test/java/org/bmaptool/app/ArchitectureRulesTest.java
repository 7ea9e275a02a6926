package org.bmaptool.app;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The hexagon's rules, checked with ArchUnit on the compiled classes of every module, so
 * a fully qualified name in the code counts as much as an import: no package cycles,
 * dependencies point inwards, the application reaches adapters only through their
 * factories and its use cases only through ports, only the command line knows picocli
 * and exits the process, and native calls stay in the binding packages. The module
 * descriptors' own rules are checked in {@link ArchitectureTest}.
 */
// It reads every module's classes, the Linux adapter's too: not a test of a host without it.
@Tag("linux")
class ArchitectureRulesTest {
    private static final String APP = "org.bmaptool.app";
    private static final String CLI = "org.bmaptool.app.cli..";
    /** The launcher's entry point: it only delegates to the command line. */
    private static final String LAUNCHER_MAIN = "org.bmaptool.app.Main";

    private static JavaClasses classes;

    @BeforeAll
    static void importTheProject() {
        // Test classes come from test-classes folders and, in a reactor build past the
        // package phase, from the modules' test-jars (the test kit): neither is checked.
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.bmaptool");
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        check(slices().matching("org.bmaptool.(**)").should().beFreeOfCycles());
    }

    @Test
    void theDomainDependsOnNothingElseOfTheProject() {
        check(noClasses().that().resideInAPackage("org.bmaptool.domain..").should().dependOnClassesThat()
                .resideInAnyPackage("org.bmaptool.ports..", "org.bmaptool.linux..", "org.bmaptool.io..", APP + ".."));
    }

    @Test
    void thePortsDependOnlyOnTheDomain() {
        check(noClasses().that().resideInAPackage("org.bmaptool.ports..").should().dependOnClassesThat()
                .resideInAnyPackage("org.bmaptool.linux..", "org.bmaptool.io..", APP + ".."));
    }

    @Test
    void adaptersNeitherReachEachOtherNorTheApplication() {
        check(noClasses().that().resideInAPackage("org.bmaptool.linux..").should().dependOnClassesThat()
                .resideInAnyPackage("org.bmaptool.io..", APP + ".."));
        check(noClasses().that().resideInAPackage("org.bmaptool.io..").should().dependOnClassesThat()
                .resideInAnyPackage("org.bmaptool.linux..", APP + ".."));
    }

    @Test
    void theApplicationReachesAdaptersOnlyThroughTheirFactories() {
        check(noClasses().that().resideInAPackage(APP + "..").should().dependOnClassesThat(
                describe("adapter internals (outside org.bmaptool.linux and org.bmaptool.io)",
                        ArchitectureRulesTest::isAdapterInternal)));
    }

    @Test
    void useCasesReachTheWorldOnlyThroughPorts() {
        check(noClasses().that().resideInAPackage(APP + "..").and().resideOutsideOfPackage(CLI)
                .and().doNotHaveFullyQualifiedName(LAUNCHER_MAIN)
                .should().dependOnClassesThat().resideInAnyPackage("org.bmaptool.linux..", "org.bmaptool.io..")
                .because("the composition root in cli wires the adapters to the ports"));
    }

    @Test
    void onlyTheCommandLineKnowsPicocli() {
        check(noClasses().that().resideOutsideOfPackage(CLI).should().dependOnClassesThat()
                .resideInAPackage("picocli.."));
    }

    @Test
    void useCasesNeverSeeTheCommandLine() {
        check(noClasses().that().resideInAPackage(APP + "..").and().resideOutsideOfPackage(CLI)
                .and().doNotHaveFullyQualifiedName(LAUNCHER_MAIN)
                .should().dependOnClassesThat().resideInAPackage(CLI)
                .because("exit codes, terminals and option parsing belong to the command line alone"));
    }

    @Test
    void thePipelineAndTheHasherKnowNoUseCase() {
        check(noClasses().that().resideInAnyPackage(APP + ".pipeline..", APP + ".hashing..").should()
                .dependOnClassesThat().resideInAnyPackage(CLI, APP + ".copy..", APP + ".create..", APP + ".verify..",
                        APP + ".signature..")
                .because("pipeline and hashing are used by the use cases, never the other way"));
    }

    @Test
    void onlyTheCommandLineEndsTheProcess() {
        check(noClasses().that().resideOutsideOfPackage(CLI).should()
                .callMethod(System.class, "exit", int.class).orShould().callMethod(Runtime.class, "halt", int.class));
    }

    @Test
    void nativeCodeStaysInTheBindingPackages() {
        check(noClasses().that().resideOutsideOfPackages("org.bmaptool.linux.libc..",
                        "org.bmaptool.io.compression.nativelib..")
                // Loads the binding: the one kernel class that needs jnr-ffi's types.
                .and().doNotHaveFullyQualifiedName("org.bmaptool.linux.kernel.Kernel")
                .should().dependOnClassesThat().resideInAnyPackage("jnr..", "com.kenai.jffi.."));
    }

    @Test
    void onlyTheLinuxFactoryLoadsTheKernelBinding() {
        check(noClasses().that(describe("are not LinuxAdapters, its nested classes or Kernel itself", c ->
                        !c.getName().startsWith("org.bmaptool.linux.LinuxAdapters")
                                && !c.getName().equals("org.bmaptool.linux.kernel.Kernel")))
                .should().callMethodWhere(describe("Kernel.load()", call ->
                        call.getTarget().getOwner().getFullName().equals("org.bmaptool.linux.kernel.Kernel")
                                && call.getTarget().getName().equals("load")))
                .because("the kernel classes get their libc injected, as jnr-posix injects its provider"));
    }

    @Test
    void theRulesSeeEveryModule() {
        // An import that found nothing would make every rule above pass.
        for (String module : new String[] {"org.bmaptool.domain", "org.bmaptool.ports", "org.bmaptool.linux",
                "org.bmaptool.io", APP}) {
            check(classes().that().resideInAPackage(module + "..").should().bePublic().orShould().notBePublic()
                    .allowEmptyShould(false));
        }
    }

    private static boolean isAdapterInternal(JavaClass target) {
        String pkg = target.getPackageName();
        return pkg.startsWith("org.bmaptool.linux.") || pkg.startsWith("org.bmaptool.io.");
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
