package dev.kup.cli;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.kup.cli.deadletter.DeadLetterCounts;

/**
 * The shape of the CLI, kept by the build: one package per command family, each standing on the
 * root ({@code dev.kup.cli}) and none on another.
 */
@AnalyzeClasses(packages = "dev.kup.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule theCommandsStandOnTheRootNotOnEachOther = layeredArchitecture()
      .consideringOnlyDependenciesInLayers()
      .layer("root").definedBy("dev.kup.cli")
      .layer("publish").definedBy("dev.kup.cli.publish..")
      .layer("deadletter").definedBy("dev.kup.cli.deadletter..")
      .layer("status").definedBy("dev.kup.cli.status..")
      .whereLayer("publish").mayOnlyBeAccessedByLayers("root")
      .whereLayer("deadletter").mayOnlyBeAccessedByLayers("root")
      .whereLayer("status").mayOnlyBeAccessedByLayers("root")
      .ignoreDependency(
          resideInAPackage("dev.kup.cli.status.."), equivalentTo(DeadLetterCounts.class))
      .because("a command family stands on the root alone; kup status only reports the"
          + " DeadLetterCounts the dead-letter reader counted, so a topic is read one way");

  @ArchTest
  static final ArchRule onlyTheCompositionRootKnowsTheCommands = noClasses()
      .that().resideInAPackage("dev.kup.cli").and().doNotBelongToAnyOf(KupCommand.class)
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.kup.cli.publish..", "dev.kup.cli.deadletter..", "dev.kup.cli.status..")
      .because("what the root shares with the commands must not depend on them");
}
