package io.chatlens.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.chatlens.instrumentation.ComponentUnits;
import io.chatlens.instrumentation.core.ComponentUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md, checked on the compiled classes: agent -> instrumentation -> bootstrap with no
 * arrow pointing back, a JDK-only bootstrap, and components that are units the agent discovers from one list.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.chatlens");
  }

  @Test
  void theImportSeesAllThreeLayers() {
    assertThat(classes.stream().map(JavaClass::getPackageName))
        .anyMatch(name -> name.startsWith("io.chatlens.agent"))
        .anyMatch(name -> name.startsWith("io.chatlens.instrumentation"))
        .anyMatch(name -> name.startsWith("io.chatlens.bootstrap"));
  }

  @Test
  void theBootstrapBridgeUsesTheJdkOnly() {
    classes().that().resideInAPackage("io.chatlens.bootstrap..").should().onlyDependOnClassesThat()
        .resideInAnyPackage("io.chatlens.bootstrap..", "java..").check(classes);
  }

  @Test
  void instrumentationNeverReachesBackIntoTheAgent() {
    noClasses().that().resideInAPackage("io.chatlens.instrumentation..").should().dependOnClassesThat()
        .resideInAPackage("io.chatlens.agent..").check(classes);
  }

  @Test
  void componentPackagesDoNotKnowTheListOfUnits() {
    // the list depends on every component package; a component that used it would close a cycle
    noClasses().that().resideInAPackage("io.chatlens.instrumentation.(*)..").should().dependOnClassesThat()
        .belongToAnyOf(ComponentUnits.class).check(classes);
  }

  @Test
  void everyComponentUnitIsInTheListAndTheListHasOnePerComponent() {
    List<String> declared = classes.stream().filter(type -> type.isAssignableTo(ComponentUnit.class))
        .filter(type -> !type.isInterface()).map(JavaClass::getName).sorted().toList();
    assertThat(declared).isNotEmpty();
    assertThat(ComponentUnits.ALL.stream().map(unit -> unit.getClass().getName()).sorted().toList())
        .isEqualTo(declared);
    assertThat(ComponentUnits.ALL).extracting(ComponentUnit::component).doesNotHaveDuplicates();
    for (ComponentUnit unit : ComponentUnits.ALL) {
      assertThat(unit.getClass().getPackageName()).as(unit.component() + " lives in its own package")
          .isEqualTo("io.chatlens.instrumentation." + unit.component().key());
    }
  }

  @Test
  void theInstrumentationPackagesHaveNoCycles() {
    // core <-> errors, core <-> logs, weaving <-> matching and matching -> session were broken: the core reaches the
    // errors and logs components through interfaces they implement (ThrownErrors, the MDC rewriter)
    slices().matching("io.chatlens.instrumentation.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theCoreNamesNoComponentExceptWhereComponentsAreDefined() {
    // what the core does differently for a component is a trait the component declares (Component.Trait), so the
    // dispatcher, probes and the other core classes read no component constant
    for (java.lang.reflect.Field constant : io.chatlens.instrumentation.core.Component.class.getFields()) {
      if (constant.getType() != io.chatlens.instrumentation.core.Component.class) {
        continue;
      }
      noClasses().that().resideInAPackage("io.chatlens.instrumentation.core")
          .and().doNotBelongToAnyOf(io.chatlens.instrumentation.core.Component.class)
          .should().getField(io.chatlens.instrumentation.core.Component.class, constant.getName()).check(classes);
    }
  }

  @Test
  void theMatchingAndWeavingPackagesKnowNoComponentPackage() {
    String[] componentPackages = ComponentUnits.ALL.stream().map(unit -> unit.getClass().getPackageName() + "..")
        .toArray(String[]::new);
    assertThat(componentPackages).hasSizeGreaterThan(9).contains("io.chatlens.instrumentation.llm..");
    noClasses().that().resideInAnyPackage("io.chatlens.instrumentation.matching..",
        "io.chatlens.instrumentation.weaving..", "io.chatlens.instrumentation.core..").should().dependOnClassesThat()
        .resideInAnyPackage(componentPackages).check(classes);
  }
}
