package movescope.sim.scenario;

/**
 * Random faults during {@code [0, untilMs)}, then a heal phase in which every migration must end within
 * {@code healBoundMs} (docs/scenario-format.md "chaos"). Rates are per virtual second for the whole cluster.
 */
public record ChaosSpec(long untilMs, long healBoundMs, double crashPerSec, long meanDownMs,
        double partitionPerSec, long meanPartitionMs, double oneWayShare, double movePerSec,
        double pushConfigAfterMove, double snapshotPerSec, double loss, double duplicate, double eintr) {

    public static final long DEFAULT_HEAL_BOUND_MS = 90_000;

    public ChaosSpec {
        if (untilMs < 0 || healBoundMs < 0 || meanDownMs < 1 || meanPartitionMs < 1) {
            throw new IllegalArgumentException("chaos times must be >= 0 (means >= 1)");
        }
        if (crashPerSec < 0 || partitionPerSec < 0 || movePerSec < 0 || snapshotPerSec < 0) {
            throw new IllegalArgumentException("chaos rates must be >= 0");
        }
        NetworkSpec.checkProbability("oneWayShare", oneWayShare);
        NetworkSpec.checkProbability("pushConfigAfterMove", pushConfigAfterMove);
        NetworkSpec.checkProbability("loss", loss);
        NetworkSpec.checkProbability("duplicate", duplicate);
        NetworkSpec.checkProbability("eintr", eintr);
    }

    /** The liveness deadline: every migration must have ended by then. */
    public long migrationsEndBy() {
        return untilMs + healBoundMs;
    }
}
