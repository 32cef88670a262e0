package movescope.sim.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Final expectations of a scenario (docs/scenario-format.md "expect").
 *
 * @param hold            invariants checked after every event
 * @param violation       a violation (invariant name or {@code MigrationEnds}) that must occur
 * @param baits           reachability goals that must be reached
 * @param migrationsEndBy every migration must have ended by this time
 * @param history         run the end-of-run lost/stranded history check
 * @param values          final values, read from the stores at the end
 * @param logs            final per-shard logs ({@code expect.logs}), compared frame for frame at the end
 */
public record Expectations(List<String> hold, Optional<String> violation, List<String> baits,
        OptionalLong migrationsEndBy, boolean history, List<ValueExpectation> values, List<LogExpectation> logs) {

    /** The invariants checked by default (an {@code expect} without {@code hold}), in vocabulary order. */
    public static final List<String> INVARIANTS = List.of("NoAcceptAfterShip", "SingleWriter", "NoLostWrite",
            "NoStrandedWrite", "QuiescedOnlyInFlight", "RedirectsConverge", "NoPhantomWrite");
    /**
     * Invariants a scenario may name in {@code hold} or {@code violation} but that are off by default:
     * {@code OrphanCopy} is violated by every committed move in both variants (no remedy drops the source's
     * copy), so holding it by default would fail most of the corpus.
     */
    public static final List<String> OPT_IN = List.of("OrphanCopy");
    /** Every invariant a scenario may name: {@link #INVARIANTS} then {@link #OPT_IN}. */
    public static final List<String> SELECTABLE = java.util.stream.Stream.concat(INVARIANTS.stream(), OPT_IN.stream())
            .toList();
    public static final String MIGRATION_ENDS = "MigrationEnds";
    public static final List<String> BAITS = List.of("BaitCommitted", "BaitQuiesced", "BaitAborted");

    public static final Expectations DEFAULT = new Expectations(INVARIANTS, Optional.empty(), List.of(),
            OptionalLong.empty(), true, List.of(), List.of());

    public Expectations {
        hold = List.copyOf(hold);
        Objects.requireNonNull(violation, "violation");
        baits = List.copyOf(baits);
        Objects.requireNonNull(migrationsEndBy, "migrationsEndBy");
        values = List.copyOf(values);
        logs = List.copyOf(logs);
    }

    /** Expectations without {@code logs}. */
    public Expectations(List<String> hold, Optional<String> violation, List<String> baits,
            OptionalLong migrationsEndBy, boolean history, List<ValueExpectation> values) {
        this(hold, violation, baits, migrationsEndBy, history, values, List.of());
    }

    /** The same expectations with {@code migrationsEndBy} replaced. */
    public Expectations withMigrationsEndBy(OptionalLong endBy) {
        return new Expectations(hold, violation, baits, endBy, history, values, logs);
    }

    /** Whether invariant {@code name} is checked during the run. */
    public boolean checks(String name) {
        return hold.contains(name) || violation.map(name::equals).orElse(false);
    }
}
