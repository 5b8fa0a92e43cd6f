package com.cspguard.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the layer tables of docs/architecture.md: each table lists packages bottom to top, and a
 * package may use only the packages in the rows above its own. The tables are read from the
 * document itself, so the document and the rule cannot drift apart; an arrow back up fails here.
 */
class ArchitectureTest {
    private static final Path DOC = Path.of("docs/architecture.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(com\\.cspguard[\\w.]*)` \\|");

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.cspguard");
    }

    /** The packages of the table that follows {@code heading}, in the document's order (bottom first). */
    static List<String> table(String heading) throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int start = lines.indexOf(heading);
        assertThat(start).as("docs/architecture.md has the heading %s", heading).isNotNegative();
        List<String> packages = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            Matcher m = ROW.matcher(lines.get(i));
            if (m.find()) {
                packages.add(m.group(1));
            }
        }
        assertThat(packages).as("rows of the table under %s", heading).hasSizeGreaterThan(2);
        return packages;
    }

    /** A layered rule in which each row may use only the rows above it (and itself). */
    static LayeredArchitecture layers(List<String> packages, boolean withSubpackages) {
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String p : packages) {
            rule = rule.layer(p).definedBy(withSubpackages ? p + ".." : p);
        }
        for (int i = 0; i < packages.size(); i++) {
            List<String> above = packages.subList(i + 1, packages.size());
            rule = above.isEmpty()
                    ? rule.whereLayer(packages.get(i)).mayNotBeAccessedByAnyLayer()
                    : rule.whereLayer(packages.get(i)).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
        }
        return rule;
    }

    @Test
    void topLevelPackagesUseOnlyThoseBelowThem() throws IOException {
        List<String> packages = table("## Layers");
        assertThat(packages).startsWith("com.cspguard.domain").endsWith("com.cspguard.api");
        layers(packages, true).check(main);
    }

    @Test
    void topologyIsAOneWayStack() throws IOException {
        List<String> packages = table("### Inside `topology`");
        assertThat(packages).contains("com.cspguard.topology", "com.cspguard.topology.facts",
                "com.cspguard.topology.indexes", "com.cspguard.topology.inputs");
        // every package of topology is in the table: a new one must take its place in the stack
        List<String> actual = main.stream().map(c -> c.getPackageName())
                .filter(p -> p.startsWith("com.cspguard.topology")).distinct().toList();
        assertThat(packages).containsAll(actual);
        layers(packages, false).check(main);
    }

    @Test
    void theDomainIsPlainJava() {
        ArchRule rule = noClasses().that().resideInAPackage("com.cspguard.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.micronaut..",
                        "com.fasterxml..", "jakarta..", "org.slf4j..");
        rule.check(main);
    }

    @Test
    void aBackArrowFailsTheRule() {
        // the rule itself is checked against a stack it must refuse: facts may not use indexes
        List<String> reversed = List.of("com.cspguard.topology.indexes", "com.cspguard.topology.facts");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> layers(reversed, false).check(main))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("com.cspguard.topology.indexes");
    }
}
