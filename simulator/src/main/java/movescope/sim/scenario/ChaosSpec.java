package movescope.sim.scenario;

/**
 * Random faults during {@code [0, untilMs)}, then a heal phase in which every migration must end within
 * {@code healBoundMs} (docs/scenario-format.md "chaos"). Rates are per virtual second for the whole cluster.
 *
 * @param oddMoves      the share of chaos moves that are adversarial rather than owner → other node: a move
 *                      to self, a move sent by a non-owner, crossing moves (a→b while b→a), a nested prefix
 *                      moved together with its parent, a move of an undeclared prefix
 * @param shufflePushes config pushes after a move reach the nodes in a random order (else in node order)
 */
public record ChaosSpec(long untilMs, long healBoundMs, double crashPerSec, long meanDownMs,
        double partitionPerSec, long meanPartitionMs, double oneWayShare, double movePerSec,
        double pushConfigAfterMove, double snapshotPerSec, double loss, double duplicate, double eintr,
        double oddMoves, boolean shufflePushes) {

    /** A chaos phase without the wider adversary ({@code oddMoves} 0, pushes in node order). */
    public ChaosSpec(long untilMs, long healBoundMs, double crashPerSec, long meanDownMs, double partitionPerSec,
            long meanPartitionMs, double oneWayShare, double movePerSec, double pushConfigAfterMove,
            double snapshotPerSec, double loss, double duplicate, double eintr) {
        this(untilMs, healBoundMs, crashPerSec, meanDownMs, partitionPerSec, meanPartitionMs, oneWayShare, movePerSec,
                pushConfigAfterMove, snapshotPerSec, loss, duplicate, eintr, 0, false);
    }

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
        NetworkSpec.checkProbability("oddMoves", oddMoves);
    }

    /** The liveness deadline: every migration must have ended by then. */
    public long migrationsEndBy() {
        return untilMs + healBoundMs;
    }
}
