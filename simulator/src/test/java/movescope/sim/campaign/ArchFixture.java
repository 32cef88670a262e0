package movescope.sim.campaign;

/**
 * Test-only fixture for ArchitectureTest: breaks the campaign runner rule (clock, randomness, files) from inside package
 * {@code movescope.sim.campaign}, so the test can show the rule covers this package and bites here. Never called.
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
