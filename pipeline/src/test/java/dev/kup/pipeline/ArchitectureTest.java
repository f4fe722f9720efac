package dev.kup.pipeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shape of the engine, kept by the build: folders are stages, each with its own concerns. */
@AnalyzeClasses(packages = "dev.kup.pipeline", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule applyingRowsKnowsNothingOfKafka = noClasses()
      .that().resideInAnyPackage("dev.kup.pipeline.apply..", "dev.kup.pipeline.validate..")
      .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..");

  @ArchTest
  static final ArchRule onlyIntakeTouchesTheConsumer = noClasses()
      .that().resideOutsideOfPackage("dev.kup.pipeline.intake..")
      .should().dependOnClassesThat()
      .areAssignableTo(org.apache.kafka.clients.consumer.Consumer.class)
      .because("only the poll loop may touch the KafkaConsumer; others see ConsumerRecord at most");

  @ArchTest
  static final ArchRule theEngineNeverExitsTheProcess = noClasses()
      .should().callMethod(System.class, "exit", int.class)
      .orShould().callMethod(Runtime.class, "halt", int.class)
      .orShould().callMethod(Runtime.class, "exit", int.class);
}
