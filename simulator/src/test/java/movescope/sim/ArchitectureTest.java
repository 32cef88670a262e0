package movescope.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Proves the whole simulator (every package, the scenario loader and the report package included) uses
 * no wall clock, no threads and no unseeded randomness — the precondition of "same seed, same trace" —
 * and that nothing but the scenario reading layer touches files. Both rules name the packages they cover;
 * a test fails when a main package is covered by neither list (no package is skipped silently), and for
 * every covered package a test-only {@code ArchFixture} in that very package breaks the rule and must be
 * reported, so a rule that stopped covering a package (a typo in a pattern, a moved class) fails here.
 * Reproduce with {@code mvn -o -q -pl simulator test -Dtest=ArchitectureTest}.
 */
class ArchitectureTest {
    /** Every simulator package; all of them are held to the purity rule. */
    static final List<String> PURE = List.of("movescope.sim", "movescope.sim.engine", "movescope.sim.net",
            "movescope.sim.cluster", "movescope.sim.client", "movescope.sim.check", "movescope.sim.fault",
            "movescope.sim.operator", "movescope.sim.swarm", "movescope.sim.report", "movescope.sim.trace",
            "movescope.sim.scenario", "movescope.sim.scenario.json");
    /**
     * The campaign runner schedules whole runs on {@code --jobs} threads (each run single-threaded and pure;
     * results are merged in seed order, so they do not depend on the thread count — CampaignJobsTest shows
     * it). It may use threads and nothing else the purity rule forbids: no clock, no randomness, no files.
     */
    static final List<String> RUNNERS = List.of("movescope.sim.campaign");
    /** The reading layer reads scenario files (bounded, see Limits); nothing else may touch files. */
    static final List<String> MAY_READ_FILES = List.of("movescope.sim.scenario", "movescope.sim.scenario.json");

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("movescope.sim");

    static ArchRule purity() {
        return noClasses().that().resideInAnyPackage(PURE.toArray(String[]::new))
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Math.class, "random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.UUID")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().resideInAPackage("java.util.concurrent..")
                .orShould().dependOnClassesThat().resideInAPackage("java.time..")
                .because("the simulation must be a pure function of the scenario and the seed");
    }

    /** The purity rule without the thread clauses, for {@link #RUNNERS}. */
    static ArchRule runnerRule() {
        return noClasses().that().resideInAnyPackage(RUNNERS.toArray(String[]::new))
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Math.class, "random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.UUID")
                .orShould().dependOnClassesThat().resideInAPackage("java.time..")
                .orShould().dependOnClassesThat().resideInAPackage("java.nio.file..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .because("a campaign's result is a function of its seed and run count, whatever --jobs is");
    }

    static List<String> noFilePackages() {
        return PURE.stream().filter(p -> !MAY_READ_FILES.contains(p)).toList();
    }

    static ArchRule noFileIo() {
        return noClasses().that().resideInAnyPackage(noFilePackages().toArray(String[]::new))
                .should().dependOnClassesThat().resideInAPackage("java.nio.file..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .because("files are written by the CLI's report code, never from inside a run");
    }

    @Test
    void noClockThreadsOrUnseededRandomness() {
        assertTrue(MAIN.size() > 50, "imported only " + MAIN.size() + " classes");
        purity().check(MAIN);
    }

    @Test
    void coreDoesNotDoFileIo() {
        noFileIo().check(MAIN);
    }

    @Test
    void runnersUseNoClockRandomnessOrFiles() {
        runnerRule().check(MAIN);
    }

    @Test
    void theRunnerRuleBitesOnItsFixture() throws ClassNotFoundException {
        for (String p : RUNNERS) {
            JavaClasses fixture = new ClassFileImporter().importClasses(Class.forName(p + ".ArchFixture"));
            EvaluationResult r = runnerRule().evaluate(fixture);
            String report = String.join("\n", r.getFailureReport().getDetails());
            for (String expected : List.of("System.currentTimeMillis", "java.util.Random", "java.nio.file")) {
                assertTrue(report.contains(expected), p + ": not reported: " + expected + "\n" + report);
            }
        }
    }

    @Test
    void everyMainPackageIsCovered() {
        TreeSet<String> packages = new TreeSet<>();
        for (JavaClass c : MAIN) {
            packages.add(c.getPackageName());
        }
        TreeSet<String> covered = new TreeSet<>(PURE);
        covered.addAll(RUNNERS);
        assertEquals(covered, packages, "a simulator package is not held to the purity rule (or"
                + " a listed one no longer exists)");
    }

    @Test
    void theRulesBiteOnAFixtureInEveryPackageTheyCover() throws ClassNotFoundException {
        for (String p : PURE) {
            JavaClasses fixture = new ClassFileImporter().importClasses(Class.forName(p + ".ArchFixture"));
            EvaluationResult pure = purity().evaluate(fixture);
            String report = String.join("\n", pure.getFailureReport().getDetails());
            assertTrue(pure.hasViolation(), "the purity rule does not bite in " + p);
            for (String expected : List.of("System.currentTimeMillis", "java.lang.Thread", "java.util.Random")) {
                assertTrue(report.contains(expected), p + ": not reported: " + expected + "\n" + report);
            }
            if (MAY_READ_FILES.contains(p)) {
                // outside the no-file rule's packages: the rule must not even select this fixture
                assertFalse(noFilePackages().contains(p), p + " may read files");
            } else {
                EvaluationResult io = noFileIo().evaluate(fixture);
                assertTrue(io.hasViolation() && String.join("\n", io.getFailureReport().getDetails())
                        .contains("java.nio.file"), "the no-file-I/O rule does not bite in " + p);
            }
        }
    }
}
