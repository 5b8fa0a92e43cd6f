package com.cspguard.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Surefire (`mvn test`) runs the fast tests and skips classes named *IT, which Failsafe runs in
 * `mvn verify`: a test class that starts a broker or the service must be named *IT, or `mvn test`
 * would start them; and one named *IT must start them, or it would hide from `mvn test`.
 */
class TestNamingTest {
    /** What starts a Kafka broker or the service in a test. */
    private static final Set<String> BROKER_OR_SERVICE = Set.of(
            "com.cspguard.it.GuardIntegration", "com.cspguard.it.KafkaTestSupport", "com.cspguard.it.GuardInstance",
            "com.cspguard.runtime.kafka.EmbeddedKafkaBroker");

    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("com.cspguard");

    private static boolean hasTests(JavaClass c) {
        return c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(Test.class) || m.isAnnotatedWith(ParameterizedTest.class));
    }

    private static boolean startsBrokerOrService(JavaClass c) {
        return c.getDirectDependenciesFromSelf().stream()
                .anyMatch(d -> BROKER_OR_SERVICE.contains(d.getTargetClass().getName()));
    }

    static List<String> misnamed(JavaClasses classes) {
        return classes.stream()
                .filter(c -> !c.getSimpleName().isEmpty() && !c.isNestedClass() && hasTests(c))
                .filter(c -> startsBrokerOrService(c) != c.getSimpleName().endsWith("IT"))
                .map(JavaClass::getName)
                .sorted()
                .toList();
    }

    @Test
    void integrationTestsAndOnlyThemAreNamedIT() {
        assertThat(TESTS.stream().filter(c -> c.getSimpleName().endsWith("IT")).count())
                .as("the integration tests are found").isGreaterThanOrEqualTo(15);
        assertThat(misnamed(TESTS)).isEmpty();
    }
}
