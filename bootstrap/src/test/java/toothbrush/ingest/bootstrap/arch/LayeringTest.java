package toothbrush.ingest.bootstrap.arch;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The hexagon's layering, checked on the production classes of every module (bootstrap sees them all),
 * and shown to fail on a fixture that crosses it.
 */
class LayeringTest {
    private static final String ROOT = "toothbrush.ingest";
    private static JavaClasses production;

    @BeforeAll
    static void importProduction() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    /** Domain inside, application around it, one layer per adapter module; bootstrap wires them all. */
    static ArchRule onion(String root) {
        return onionArchitecture()
                .domainModels(root + ".domain..")
                .applicationServices(root + ".application..")
                .adapter("streams", root + ".adapter.streams..")
                .adapter("llamadb", root + ".adapter.llamadb..")
                .adapter("queue", root + ".adapter.queue..")
                .withOptionalLayers(true)
                .ignoreDependency(resideInAPackage(root + ".bootstrap.."), alwaysTrue())
                .because("adapters never depend on each other and the inside never depends on the outside");
    }

    static ArchRule domainUsesOnlyTheJdk(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".domain..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(root + ".domain..", "java..")
                .because("the domain is pure Java with no dependencies at all");
    }

    static ArchRule noTechnologyInside(String root) {
        return noClasses()
                .that()
                .resideInAnyPackage(root + ".domain..", root + ".application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.fasterxml..",
                        "de.siegmar..",
                        "io.github.resilience4j..",
                        "java.sql..",
                        "javax.sql..",
                        "java.net.http..",
                        "org.duckdb..",
                        "org.postgresql..",
                        "picocli..",
                        "org.slf4j..")
                .because("parsers, databases, HTTP and resilience live in adapters");
    }

    static ArchRule generatorUsesOnlyTheDomain(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".generator..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(root + ".generator..", root + ".domain..", "java..")
                .because("the synthetic data generator is a module of its own on the JDK and the domain (issue 13),"
                        + " so bench and the tests can use it without bootstrap");
    }

    static ArchRule onlyBootstrapUsesTheGenerator(String root) {
        return noClasses()
                .that()
                .resideInAnyPackage(root + ".domain..", root + ".application..", root + ".adapter..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + ".generator..")
                .because("synthetic data is for the generate command, benchmarks and tests, never the product's path");
    }

    static ArchRule bootstrapReachesDatabasesThroughAdapters(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".bootstrap..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "org.duckdb..", "org.postgresql..")
                .because("bootstrap wires; the adapters own every database connection (issue 13: query)");
    }

    @Test
    @DisplayName("domain, application and the three adapters form an onion; adapters never use each other")
    void production_followsTheOnion() {
        onion(ROOT).check(production);
    }

    @Test
    @DisplayName("the domain depends only on java.. and itself")
    void domain_isPureJava() {
        domainUsesOnlyTheJdk(ROOT).check(production);
    }

    @Test
    @DisplayName("no JSON, CSV, resilience, JDBC, HTTP or logging types in domain or application")
    void inside_hasNoTechnology() {
        noTechnologyInside(ROOT).check(production);
    }

    @Test
    @DisplayName("bootstrap opens no database itself: no JDBC, DuckDB or PostgreSQL types")
    void bootstrap_usesNoDatabaseDriver() {
        bootstrapReachesDatabasesThroughAdapters(ROOT).check(production);
    }

    @Test
    @DisplayName("the generator depends only on java.. , the domain and itself")
    void generator_isPureJavaOnTheDomain() {
        generatorUsesOnlyTheDomain(ROOT).check(production);
    }

    @Test
    @DisplayName("no domain, application or adapter class uses the generator")
    void generator_isOnlyUsedFromOutside() {
        onlyBootstrapUsesTheGenerator(ROOT).check(production);
    }

    @Test
    @DisplayName("domain packages are free of cycles")
    void domainPackages_haveNoCycles() {
        slices().matching(ROOT + ".domain.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    @DisplayName(
            "the rules fail on a fixture where an adapter uses another adapter, the domain uses the application, bootstrap uses JDBC,"
                    + " the generator uses the application, an adapter uses the generator")
    void rules_catchCrossedLayers() {
        String fixtureRoot = "toothbrush.ingest.bootstrap.archfixture";
        JavaClasses fixture = new ClassFileImporter().importPackages(fixtureRoot);
        assertThrows(AssertionError.class, () -> onion(fixtureRoot).check(fixture));
        assertThrows(
                AssertionError.class, () -> domainUsesOnlyTheJdk(fixtureRoot).check(fixture));
        assertThrows(
                AssertionError.class,
                () -> bootstrapReachesDatabasesThroughAdapters(fixtureRoot).check(fixture));
        assertThrows(
                AssertionError.class,
                () -> generatorUsesOnlyTheDomain(fixtureRoot).check(fixture));
        assertThrows(
                AssertionError.class,
                () -> onlyBootstrapUsesTheGenerator(fixtureRoot).check(fixture));
    }
}
