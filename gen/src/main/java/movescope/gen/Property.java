package movescope.gen;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Runs a property over generated inputs: N trials, each from its own seed; on the first failure,
 * shrinks greedily along the value's shrink tree to a local minimum and throws a {@link PropertyFailure}
 * whose message has the trial seed, the trial number, the original and the shrunk case, and a one-line
 * reproduction.
 *
 * <p>Seeds: trial 0 runs with the base seed itself, trial i &gt; 0 with {@code Rng.of(base).fork("trial/"
 * + i).seed()}. A failing trial's seed, passed back as {@code -Dmovescope.seed.<property>=N} (the
 * reproduction line prints it, {@code <property>} being the property's name, by default
 * {@code Class#method}), therefore makes trial 0 that exact case, and changes no other property's seed. The size of a trial is derived from its seed too ({@code 1 + mix(seed) mod maxSize}),
 * so the seed alone reproduces it. Otherwise a property fixed with {@link #seed} keeps that seed (a global
 * {@code -Dmovescope.seed=N} never overrides a fixed seed: tests that rely on one stay what they claim), and
 * an unseeded one takes {@code -Dmovescope.seed} when given, else a stable hash of its name, so every CI
 * run checks the same cases and different properties check different ones.
 * {@code -Dmovescope.trials=N} overrides the trial count.
 */
public final class Property<T> {
    /** System property: base seed. */
    public static final String SEED_PROPERTY = "movescope.seed";
    /** System property: number of trials. */
    public static final String TRIALS_PROPERTY = "movescope.trials";

    private static final int MAX_SHRINK_EVALUATIONS = 20_000;

    private final Gen<T> gen;
    private int trials = 200;
    private int maxSize = 30;
    private Long seed;
    private String name;

    private Property(Gen<T> gen) {
        this.gen = Objects.requireNonNull(gen, "gen");
    }

    public static <T> Property<T> forAll(Gen<T> gen) {
        return new Property<>(gen);
    }

    /** Default number of trials; {@code -Dmovescope.trials} wins over it. */
    public Property<T> trials(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("trials must be ≥ 1: " + n);
        }
        this.trials = n;
        return this;
    }

    public Property<T> maxSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxSize must be ≥ 1: " + n);
        }
        this.maxSize = n;
        return this;
    }

    /** Fixes the base seed; only {@code -Dmovescope.seed.<property>} wins over it, never the global one. */
    public Property<T> seed(long s) {
        this.seed = s;
        return this;
    }

    /** Names the property (used for the default seed); defaults to the calling {@code Class#method}. */
    public Property<T> named(String n) {
        this.name = n;
        return this;
    }

    /** An assertion-style body: fails by throwing (AssertionError or any exception). */
    @FunctionalInterface
    public interface Body<T> {
        void accept(T value) throws Exception;
    }

    /** Checks a boolean property; throws {@link PropertyFailure} on failure. */
    public void check(Predicate<T> property) {
        verify(value -> {
            if (!property.test(value)) {
                throw new AssertionError("property returned false");
            }
        });
    }

    /** Checks an assertion-style property; throws {@link PropertyFailure} on failure. */
    public void verify(Body<T> body) {
        Caller caller = Caller.find();
        Outcome<T> outcome = run(body, caller.name());
        if (outcome instanceof Outcome.Failed<T> f) {
            throw new PropertyFailure(report(f, caller), f);
        }
    }

    /** Runs the trials and returns the outcome instead of throwing (used to test the kit itself). */
    public Outcome<T> run(Body<T> body) {
        return run(body, Caller.find().name());
    }

    private Outcome<T> run(Body<T> body, String callerName) {
        String propertyName = name != null ? name : callerName;
        long base = baseSeed(propertyName);
        int n = Integer.getInteger(TRIALS_PROPERTY, trials);
        for (int trial = 0; trial < n; trial++) {
            long trialSeed = trial == 0 ? base : Rng.of(base).fork("trial/" + trial).seed();
            int size = sizeFor(trialSeed);
            Shrinkable<T> tree = gen.tree(Rng.of(trialSeed), size);
            Optional<Throwable> failure = evaluate(body, tree.value());
            if (failure.isPresent()) {
                return shrink(body, tree, failure.get(), trialSeed, trial, size);
            }
        }
        return new Outcome.Passed<>(n, base);
    }

    /** The seed rule of the class comment: per-property override, then a fixed seed, then the global one. */
    long baseSeed(String propertyName) {
        Long own = Long.getLong(SEED_PROPERTY + "." + propertyName);
        if (own != null) {
            return own;
        }
        if (seed != null) {
            return seed;
        }
        return Long.getLong(SEED_PROPERTY, Rng.mix64(Rng.fnv1a64(propertyName)));
    }

    private int sizeFor(long trialSeed) {
        return 1 + (int) Math.floorMod(Rng.mix64(trialSeed ^ 0x5151_5151L), (long) maxSize);
    }

    private Outcome<T> shrink(Body<T> body, Shrinkable<T> original, Throwable firstCause, long trialSeed,
            int trial, int size) {
        Shrinkable<T> current = original;
        Throwable cause = firstCause;
        int steps = 0;
        int evaluations = 0;
        boolean progress = true;
        while (progress && evaluations < MAX_SHRINK_EVALUATIONS) {
            progress = false;
            for (Shrinkable<T> candidate : current.shrinks()) {
                if (++evaluations > MAX_SHRINK_EVALUATIONS) {
                    break;
                }
                Optional<Throwable> f = evaluate(body, candidate.value());
                if (f.isPresent()) {
                    current = candidate;
                    cause = f.get();
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        return new Outcome.Failed<>(original.value(), current.value(), trialSeed, trial, size, steps, evaluations,
                cause);
    }

    private Optional<Throwable> evaluate(Body<T> body, T value) {
        try {
            body.accept(value);
            return Optional.empty();
        } catch (Exception | AssertionError e) {
            return Optional.of(e);
        }
    }

    private String report(Outcome.Failed<T> f, Caller caller) {
        return "property " + (name != null ? name : caller.name()) + " failed"
                + "\n  seed:     " + f.seed() + " (trial " + f.trial() + ", size " + f.size() + ")"
                + "\n  original: " + f.original()
                + "\n  shrunk:   " + f.shrunk() + " (" + f.shrinkSteps() + " shrink steps, " + f.evaluations()
                + " evaluations)"
                + "\n  cause:    " + f.cause()
                + "\n  reproduce: mvn -pl " + caller.module() + " test -Dtest=" + caller.testSelector()
                + " -D" + SEED_PROPERTY + "." + (name != null ? name : caller.name()) + "=" + f.seed();
    }

    /** What a run found. */
    public sealed interface Outcome<T> {
        /** Every trial passed. */
        record Passed<T>(int trials, long baseSeed) implements Outcome<T> {}

        /** A trial failed; {@code shrunk} is the locally minimal failing case. */
        record Failed<T>(T original, T shrunk, long seed, int trial, int size, int shrinkSteps, int evaluations,
                Throwable cause) implements Outcome<T> {}
    }

    /** The test method that called the property, for the name and the reproduction line. */
    private record Caller(String className, String methodName, String module) {
        /**
         * The nearest frame whose method carries a JUnit-style test annotation ({@code @Test},
         * {@code @ParameterizedTest}, …, matched by simple name so gen needs no JUnit at runtime); else
         * the first frame outside the JDK, JUnit and this class.
         */
        static Caller find() {
            StackTraceElement[] stack = new Throwable().getStackTrace();
            StackTraceElement fallback = null;
            for (StackTraceElement e : stack) {
                String c = e.getClassName();
                if (c.equals(Property.class.getName()) || c.startsWith(Property.class.getName() + "$") || c.startsWith("java.") || c.startsWith("jdk.")
                        || c.startsWith("sun.") || c.startsWith("org.junit.") || c.startsWith("org.opentest4j.")) {
                    continue;
                }
                if (fallback == null) {
                    fallback = e;
                }
                if (isTestMethod(c, e.getMethodName())) {
                    return new Caller(outer(c), e.getMethodName(), currentModule());
                }
            }
            return fallback == null
                    ? new Caller("Unknown", "unknown", currentModule())
                    : new Caller(outer(fallback.getClassName()), fallback.getMethodName(), currentModule());
        }

        private static boolean isTestMethod(String className, String methodName) {
            try {
                Class<?> c = Class.forName(className, false, Property.class.getClassLoader());
                for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(methodName)) {
                        for (java.lang.annotation.Annotation a : m.getAnnotations()) {
                            if (a.annotationType().getSimpleName().endsWith("Test")) {
                                return true;
                            }
                        }
                    }
                }
            } catch (ClassNotFoundException | LinkageError | SecurityException e) {
                return false; // a class we cannot inspect is simply not a test method
            }
            return false;
        }

        // A lambda or nested class inside the test class is reported as the test class itself.
        private static String outer(String c) {
            int dollar = c.indexOf('$');
            return dollar < 0 ? c : c.substring(0, dollar);
        }

        // Surefire runs each module's tests with the module directory as the working directory.
        private static String currentModule() {
            String explicit = System.getProperty("movescope.module");
            if (explicit != null) {
                return explicit;
            }
            Path dir = Path.of(System.getProperty("user.dir", ".")).toAbsolutePath().getFileName();
            return dir == null ? "." : dir.toString();
        }

        String name() {
            return className + "#" + methodName;
        }

        String testSelector() {
            int dot = className.lastIndexOf('.');
            return (dot < 0 ? className : className.substring(dot + 1)) + "#" + methodName;
        }
    }
}
