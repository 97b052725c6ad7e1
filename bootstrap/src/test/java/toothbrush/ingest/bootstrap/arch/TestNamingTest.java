package toothbrush.ingest.bootstrap.arch;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The test naming convention (README, "Test names"), checked on the compiled test classes of every module,
 * unit tests and failsafe ITs alike, and shown to fail on a fixture that breaks it.
 *
 * <p>Bootstrap's test classpath holds only its own test classes, so each module's {@code target/test-classes}
 * is imported by path; surefire runs in the module directory, so they are at {@code ../MODULE/target}.
 */
class TestNamingTest {
    private static final String ROOT = "toothbrush.ingest";

    /** Every module with tests; {@code bench} has none. */
    private static final List<String> MODULES = List.of(
            "domain", "application", "adapter-streams", "adapter-llamadb", "adapter-queue", "generator", "bootstrap");

    private static final String FIXTURE_ROOT = "toothbrush.ingest.bootstrap.namingfixture";

    /** Optional rule prefixes, then at least two lowerCamelCase parts: subject, outcome, more. */
    static final String NAME = "([A-Z][0-9]{1,2}_)*[a-z][A-Za-z0-9]*(_[a-z][A-Za-z0-9]*)+";

    /** A part that starts with the word given, when or then. */
    static final String GIVEN_WHEN_THEN = "(.*_)?(given|when|then)([A-Z_].*)?";

    private static JavaClasses tests;

    @BeforeAll
    static void importTestsOfEveryModule() {
        List<Path> dirs = MODULES.stream()
                .map(module -> Path.of("..", module, "target", "test-classes"))
                .toList();
        for (Path dir : dirs) {
            assertTrue(
                    Files.isDirectory(dir),
                    () -> "build with -am: " + dir + " is missing ("
                            + dir.toAbsolutePath().normalize() + ")");
        }
        tests = new ClassFileImporter()
                .withImportOption(location -> !location.contains("/" + FIXTURE_ROOT.replace('.', '/') + "/"))
                .importPaths(dirs);
    }

    /** {@code [RULE_]...subject_outcome[_more]}, and no given/when/then. */
    static ArchRule testNamesReadSubjectThenOutcome(String root) {
        return methods()
                .that(annotatedWith(Test.class)
                        .or(annotatedWith(ParameterizedTest.class))
                        .or(annotatedWith(RepeatedTest.class))
                        .or(annotatedWith(TestFactory.class)))
                .and()
                .areDeclaredInClassesThat()
                .resideInAPackage(root + "..")
                .should()
                .haveNameMatching(NAME)
                .andShould()
                .haveNameNotMatching(GIVEN_WHEN_THEN)
                .because("a test is named [RULE_]...subject_outcome[_more] (README, Test names):"
                        + " optional SPEC rule prefixes such as B7_, then what is tested and what happens,"
                        + " lowerCamelCase parts separated by underscores, none starting with given, when or then");
    }

    @Test
    @DisplayName("every module with tests is listed, so none is left out of the check")
    void modules_areAllListed() throws IOException {
        Set<String> withTests;
        try (Stream<Path> siblings = Files.list(Path.of(".."))) {
            withTests = siblings.filter(module -> Files.isDirectory(module.resolve(Path.of("src", "test", "java"))))
                    .map(module -> module.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(withTests, new TreeSet<>(MODULES), "modules with src/test/java vs MODULES");
    }

    @Test
    @DisplayName("every test and IT method of every module reads [RULE_]...subject_outcome[_more]")
    void testMethods_followTheNamingConvention() {
        testNamesReadSubjectThenOutcome(ROOT).check(tests);
    }

    @Test
    @DisplayName("the rule fails on a fixture with one-part names, given/when/then parts and a capitalised name,"
            + " and passes its good name and its helper")
    void rule_catchesBadTestNames() {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE_ROOT);
        AssertionError error = assertThrows(
                AssertionError.class,
                () -> testNamesReadSubjectThenOutcome(FIXTURE_ROOT).check(fixture));
        String message = error.getMessage();
        for (String bad : List.of(
                "idleBackoffDoubles",
                "givenEmptyQueue_poll_returnsEmpty",
                "B7_aSmallerTick_isRetried_thenRejected",
                "Capitalised_subject",
                "dynamicTests")) {
            assertTrue(message.contains("NamingFixture." + bad + "("), () -> bad + " not reported in: " + message);
        }
        assertFalse(message.contains("NamingFixture.emptyQueue_poll_returnsEmpty("), message);
        assertFalse(message.contains("helperWithAnyName"), message);
    }
}
