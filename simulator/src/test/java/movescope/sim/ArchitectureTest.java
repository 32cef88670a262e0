package movescope.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Proves the simulation core (engine, net, cluster, client, check, fault, operator, swarm) uses no wall clock,
 * no threads and no unseeded randomness — the precondition of "same seed, same trace". The rule lists the
 * forbidden APIs; a violation names the class and the call. Reproduce with
 * {@code mvn -o -q -pl simulator test -Dtest=ArchitectureTest}.
 */
class ArchitectureTest {
    static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("movescope.sim.engine", "movescope.sim.net", "movescope.sim.cluster",
                    "movescope.sim.client", "movescope.sim.check", "movescope.sim.fault", "movescope.sim.operator",
                    "movescope.sim.swarm");

    @Test
    void noClockThreadsOrUnseededRandomness() {
        ArchRule rule = noClasses().should().callMethod(System.class, "currentTimeMillis")
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
        rule.check(CORE);
    }

    @Test
    void coreDoesNotDoFileIo() {
        noClasses().should().dependOnClassesThat().resideInAPackage("java.nio.file..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .because("files are written by the report package, never from inside a run")
                .check(CORE);
    }
}
