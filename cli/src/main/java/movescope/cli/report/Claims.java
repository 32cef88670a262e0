package movescope.cli.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What each invariant claims, in words — the one table every output uses (run lines, JSON, JUnit, the HTML
 * page). The text is docs/vocabulary.md's definition, word for word; ClaimsTest compares the two, so a
 * change to a definition fails the build until both say the same.
 */
public final class Claims {
    private static final Map<String, String> CLAIMS = new LinkedHashMap<>();

    static {
        CLAIMS.put("NotBothMaps",
                "a prefix is never in both MIGRATING and MIGRATED");
        CLAIMS.put("MigratedOnlyGrows",
                "nothing is ever removed from MIGRATED while the process lives — except, with `ownershipEpoch`, an entry superseded by a newer ownership of the same prefix");
        CLAIMS.put("MatchIsLongest",
                "`match_*` returns the longest prefix of the key in that map");
        CLAIMS.put("NoAcceptAfterShip",
                "a router on the source never accepts a write for a prefix whose slice has been shipped");
        CLAIMS.put("SingleWriter",
                "at any moment, at most one live node accepts checked writes for a given scoped key");
        CLAIMS.put("NoLostWrite",
                "an acknowledged write disappears only by being superseded: for every key, each acknowledged write that no later applied write of the key supersedes is held by some node — in its live store when up, in what its next boot rebuilds (snapshot + log replay) when down");
        CLAIMS.put("NoStrandedWrite",
                "for every key, each acknowledged write that no later applied write of the key supersedes is held by every live node that currently accepts writes for the key");
        CLAIMS.put("QuiescedOnlyInFlight",
                "a node answers QUIESCED for a key only while a migration of a prefix of it is in flight there (its MOVE-SCOPE has not ended)");
        CLAIMS.put("RedirectsConverge",
                "from any live node, following MISDIRECTED redirects reaches, within `MaxHops` (2) hops, a node that does not redirect: one that accepts, answers QUIESCED (the client waits there) or is down");
        CLAIMS.put("NoPhantomWrite",
                "every write held by a store was acknowledged (or arrived by an INGEST of acknowledged writes): a write answered MISDIRECTED or QUIESCED never shows up later");
        CLAIMS.put("OrphanCopy",
                "after a move of a prefix ended (Commit or Abort), no live node that was the source or the target of an ended move of a prefix of a key holds the key in its store unless it owns the key: it accepts writes for it, is the fallback of its scope, is the target of the last committed move of a prefix of it, or takes part in a move of a prefix of it that is still in flight. In the default `hold` of `fixed` scenarios only (its `sliceHandover` leaves no copy); opt-in elsewhere: without `sliceHandover` the source keeps its copy at commit");
        CLAIMS.put("MigrationEnds",
                "every started migration ends (Commit or Abort, or dies with its source process) once faults stop and the protocol's own steps keep being taken");
    }

    private Claims() {
    }

    /** The claim of {@code invariant} (or {@code MigrationEnds}), if it is a vocabulary name. */
    public static Optional<String> of(String invariant) {
        return Optional.ofNullable(CLAIMS.get(invariant));
    }

    /** The claim, or a plain pointer to the vocabulary for a name this table does not know. */
    public static String describe(String invariant) {
        return of(invariant).orElse("see docs/vocabulary.md for " + invariant);
    }

    /** Every name and claim, in vocabulary order. */
    public static Map<String, String> all() {
        return java.util.Collections.unmodifiableMap(CLAIMS);
    }
}
