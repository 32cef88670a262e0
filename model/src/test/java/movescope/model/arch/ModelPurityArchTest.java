package movescope.model.arch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import movescope.model.arch.fixture.ImpureFixture;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when any main class of model/ uses a clock, a thread, randomness, file or network I/O,
 * or HashMap/HashSet — and proves the rule bites by evaluating it on a test-only fixture that does all of
 * these and asserting each one is reported. Reproduce with
 * {@code mvn -pl model test -Dtest=ModelPurityArchTest}; the failure lists every offending line.
 */
class ModelPurityArchTest {

    @Test
    void modelMainClassesArePure() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("movescope.model");
        // Guard against a vacuous pass: the import must actually see the model's classes.
        assertTrue(main.contain(movescope.model.migration.AtomicMigrationTable.class) && main.size() > 20,
                "imported only " + main.size() + " classes");
        ModelPurityRules.rule("movescope.model..").check(main);
    }

    @Test
    void theRuleReportsEveryKindOfViolationInTheFixture() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ImpureFixture.class);
        EvaluationResult result = ModelPurityRules.rule("movescope.model..").evaluate(fixture);
        assertTrue(result.hasViolation(), "the rule did not bite on the fixture");
        String report = String.join("\n", result.getFailureReport().getDetails());
        for (String expected : List.of("System.currentTimeMillis", "System.nanoTime", "Instant.now",
                "LocalDateTime.now", "java.time.Clock", "java.lang.Thread", "Executors", "ExecutorService",
                "CompletableFuture", "ForkJoinPool", "java.util.Timer", "java.util.Random",
                "java.util.SplittableRandom", "ThreadLocalRandom", "SecureRandom", "Math.random",
                "UUID.randomUUID", "java.io.File", "java.io.FileInputStream", "java.nio.file.Path", "java.net.Socket",
                "java.util.HashMap", "java.util.HashSet")) {
            assertTrue(report.contains(expected), "not reported: " + expected + "\n" + report);
        }
        assertFalse(report.contains("java.util.TreeMap"), "TreeMap must stay allowed\n" + report);
        assertFalse(report.contains("java.util.LinkedHashMap"), "LinkedHashMap must stay allowed\n" + report);
    }
}
