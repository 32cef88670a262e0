package movescope.model.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;

/**
 * The purity rule for model/ (docs/model-api.md): no clock, thread, randomness, I/O, or hash-ordered
 * collections. Kept apart from the test so the same rule is both checked against model/ and shown to
 * bite on a violating fixture.
 */
final class ModelPurityRules {
    private ModelPurityRules() {}

    /** Static calls that read a clock or an unseeded random source. */
    static final List<String[]> FORBIDDEN_CALLS = List.of(
            new String[] {"java.lang.System", "currentTimeMillis"},
            new String[] {"java.lang.System", "nanoTime"},
            new String[] {"java.time.Instant", "now"},
            new String[] {"java.time.LocalDateTime", "now"},
            new String[] {"java.time.LocalDate", "now"},
            new String[] {"java.time.ZonedDateTime", "now"},
            new String[] {"java.time.OffsetDateTime", "now"},
            new String[] {"java.lang.Math", "random"},
            new String[] {"java.lang.StrictMath", "random"},
            new String[] {"java.util.UUID", "randomUUID"});

    /** Types whose mere use is forbidden (matched by exact name, so LinkedHashMap/TreeMap stay allowed). */
    static final Set<String> FORBIDDEN_TYPES = Set.of(
            "java.time.Clock", "java.time.InstantSource",
            "java.lang.Thread", "java.lang.ThreadGroup", "java.util.concurrent.Executors",
            "java.util.concurrent.ExecutorService", "java.util.concurrent.ScheduledExecutorService",
            "java.util.concurrent.CompletableFuture", "java.util.concurrent.ForkJoinPool", "java.util.Timer",
            "java.util.TimerTask",
            "java.util.Random", "java.util.SplittableRandom", "java.util.concurrent.ThreadLocalRandom",
            "java.security.SecureRandom",
            "java.util.HashMap", "java.util.HashSet");

    /** Packages whose every type is forbidden. */
    static final List<String> FORBIDDEN_PACKAGES = List.of("java.nio.file", "java.net");

    static final DescribedPredicate<JavaClass> FORBIDDEN_TYPE = DescribedPredicate.describe(
            "a clock, thread, random, file, socket or hash-ordered type",
            c -> FORBIDDEN_TYPES.contains(c.getName())
                    || (c.getPackageName().equals("java.io") && c.getSimpleName().startsWith("File"))
                    || FORBIDDEN_PACKAGES.stream().anyMatch(p -> c.getPackageName().equals(p)
                            || c.getPackageName().startsWith(p + ".")));

    static final DescribedPredicate<JavaMethodCall> FORBIDDEN_CALL = DescribedPredicate.describe(
            "a clock or unseeded randomness",
            call -> FORBIDDEN_CALLS.stream().anyMatch(f -> call.getTargetOwner().getName().equals(f[0])
                    && call.getName().equals(f[1])));

    static ArchRule rule(String packagePattern) {
        return noClasses().that().resideInAPackage(packagePattern)
                .should().callMethodWhere(FORBIDDEN_CALL)
                .orShould().dependOnClassesThat(FORBIDDEN_TYPE)
                .because("model/ must be pure: time enters only as nowMs, randomness only through the simulator's"
                        + " seeded gen.Rng, and iteration order must not depend on hashing");
    }
}
