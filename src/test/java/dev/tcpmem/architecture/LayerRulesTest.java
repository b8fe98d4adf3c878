package dev.tcpmem.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers of DESIGN.md: dependencies point downwards only; kernel and model stay plain Java. */
class LayerRulesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tcpmem");
    }

    @Test
    void kernelAndModelUseOnlyTheJdk() {
        noClasses().that().resideInAnyPackage("dev.tcpmem.kernel..", "dev.tcpmem.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "com.fasterxml..", "java.awt..", "javax.swing..", "org.jfree..",
                        "picocli..", "org.controlsfx..")
                .because("the model and kernel layers are plain records and pure functions, reusable by the CLI")
                .check(classes);
    }

    @Test
    void dependenciesPointDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("kernel").definedBy("dev.tcpmem.kernel..")
                .layer("model").definedBy("dev.tcpmem.model..")
                .layer("io").definedBy("dev.tcpmem.io..")
                .layer("chart").definedBy("dev.tcpmem.chart..")
                .layer("cli").definedBy("dev.tcpmem.cli..")
                .layer("ui").definedBy("dev.tcpmem.ui..")
                .whereLayer("ui").mayNotBeAccessedByAnyLayer()
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("chart").mayOnlyBeAccessedByLayers("cli", "ui")
                .whereLayer("io").mayOnlyBeAccessedByLayers("cli", "ui")
                .whereLayer("model").mayOnlyBeAccessedByLayers("io", "chart", "cli", "ui")
                .check(classes);
    }

    @Test
    void chartDoesNotUseJavaFx() {
        noClasses().that().resideInAPackage("dev.tcpmem.chart..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("charts are built and exported headless by the CLI too")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void cliNeverTouchesJavaFx() {
        noClasses().that().resideInAPackage("dev.tcpmem.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.tcpmem.ui..")
                .because("headless commands must run without a display")
                .check(classes);
    }
}
