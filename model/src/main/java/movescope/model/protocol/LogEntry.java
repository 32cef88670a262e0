package movescope.model.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One command in a node's append-only log.
 *
 * @param nowMs        when it ran live; replay runs it at the same virtual time, so relative TTLs
 *                     ({@code SET k v PX 100}) resolve to the same absolute deadline as they did live
 * @param args         the command as received
 * @param ingestPrefix present when the entry is a frame applied by MOVE-SCOPE-INGEST of that prefix
 *                     (only with {@code ingestLogged=true}); replay then applies it under the same
 *                     ingest rule (§3 rule 1) that accepted it live
 * @param liveVerdict  what the write path answered live ({@code accepted}, {@code MISDIRECTED},
 *                     {@code ingest}) — for traces and debugging; replay does not read it
 */
public record LogEntry(long nowMs, List<String> args, Optional<String> ingestPrefix, String liveVerdict) {
    public LogEntry {
        args = List.copyOf(args);
        Objects.requireNonNull(ingestPrefix, "ingestPrefix");
        Objects.requireNonNull(liveVerdict, "liveVerdict");
    }
}
