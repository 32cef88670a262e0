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
 */
public record Expectations(List<String> hold, Optional<String> violation, List<String> baits,
        OptionalLong migrationsEndBy, boolean history, List<ValueExpectation> values) {

    public static final List<String> INVARIANTS = List.of("NoAcceptAfterShip", "SingleWriter", "NoLostWrite",
            "NoStrandedWrite", "QuiescedOnlyInFlight", "RedirectsConverge", "NoPhantomWrite");
    public static final String MIGRATION_ENDS = "MigrationEnds";
    public static final List<String> BAITS = List.of("BaitCommitted", "BaitQuiesced", "BaitAborted");

    public static final Expectations DEFAULT = new Expectations(INVARIANTS, Optional.empty(), List.of(),
            OptionalLong.empty(), true, List.of());

    public Expectations {
        hold = List.copyOf(hold);
        Objects.requireNonNull(violation, "violation");
        baits = List.copyOf(baits);
        Objects.requireNonNull(migrationsEndBy, "migrationsEndBy");
        values = List.copyOf(values);
    }

    /** Whether invariant {@code name} is checked during the run. */
    public boolean checks(String name) {
        return hold.contains(name) || violation.map(name::equals).orElse(false);
    }
}
