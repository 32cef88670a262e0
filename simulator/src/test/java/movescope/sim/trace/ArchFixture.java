package movescope.sim.trace;

/**
 * Test-only fixture for ArchitectureTest: breaks the simulator's purity rule and its no-file-I/O rule from inside package
 * {@code movescope.sim.trace}, so the test can show the rule covers this package and bites here. Never called.
 */
public final class ArchFixture {
    private ArchFixture() {}

    static long clock() {
        return System.currentTimeMillis();
    }

    static Thread thread() {
        return new Thread(() -> { });
    }

    static double unseeded() {
        return new java.util.Random().nextDouble();
    }

    static boolean file() {
        return java.nio.file.Files.exists(java.nio.file.Path.of("x"));
    }
}
