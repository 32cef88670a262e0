package movescope.sim.scenario.json;

/**
 * Test-only fixture for ArchitectureTest: breaks the simulator's purity rule from inside package
 * {@code movescope.sim.scenario.json}, so the test can show the rule covers this package and bites here. Never called.
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
}
