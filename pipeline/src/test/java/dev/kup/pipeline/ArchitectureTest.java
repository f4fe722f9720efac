package dev.kup.pipeline;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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
  static final ArchRule onlyTheOffsetMirrorCommitsToKafka = noClasses()
      .that().doNotHaveSimpleName("KafkaOffsetMirror").and().doNotHaveSimpleName("WorkerWakeups")
      .should().callMethodWhere(target(nameMatching("commit(Sync|Async)"))
          .and(target(owner(assignableTo(org.apache.kafka.clients.consumer.Consumer.class)))))
      .because("Kafka takes only offsets the database committed (CommittedOffset), through the"
          + " mirror");

  @ArchTest
  static final ArchRule theEngineNeverExitsTheProcess = noClasses()
      .should().callMethod(System.class, "exit", int.class)
      .orShould().callMethod(Runtime.class, "halt", int.class)
      .orShould().callMethod(Runtime.class, "exit", int.class);

  @ArchTest
  static final ArchRule failuresCarryTheirOwnClassification = noClasses()
      .that().resideInAPackage("dev.kup.pipeline.failure..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.kup.pipeline.deadletter..",
          "dev.kup.pipeline.validate..", "dev.kup.pipeline.apply..", "dev.kup.pipeline.intake..")
      .because("the classifier decides by SelfClassifying and SQLSTATEs, not by stage types");

  @ArchTest
  static final ArchRule noCyclesBetweenStages = slices().assignedFrom(new StageSlices())
      .should().beFreeOfCycles();

  /** Each class's stage: the first package below dev.kup.pipeline, or the root package itself. */
  static final class StageSlices implements com.tngtech.archunit.library.dependencies.SliceAssignment {
    @Override
    public com.tngtech.archunit.library.dependencies.SliceIdentifier getIdentifierOf(
        com.tngtech.archunit.core.domain.JavaClass javaClass) {
      String name = javaClass.getPackageName();
      if (!name.startsWith("dev.kup.pipeline")) {
        return com.tngtech.archunit.library.dependencies.SliceIdentifier.ignore();
      }
      String rest = name.substring("dev.kup.pipeline".length());
      String stage = rest.isEmpty() ? "(root)" : rest.substring(1).split("\\.")[0];
      return com.tngtech.archunit.library.dependencies.SliceIdentifier.of(stage);
    }

    @Override
    public String getDescription() {
      return "the stages of dev.kup.pipeline";
    }
  }
}
