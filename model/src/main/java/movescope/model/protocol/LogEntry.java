package movescope.model.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One command in a node's append-only log: kevy keeps one log per shard ({@code aof-<shard>.aof},
 * crates/kevy-rt/src/shard_run.rs:58-61), and a frame goes to the log of the shard that executed it
 * (exec_dispatch.rs:378-389 → exec.rs:322-350). The node's {@link DurableState} holds every shard's entries in
 * one list, in the order they were appended; {@link DurableState#aof(int)} is one shard's file.
 *
 * @param shard        the shard whose log holds the frame (a boot replays it into that shard's store only)
 * @param nowMs        when it ran live; replay runs it at the same virtual time, so relative TTLs
 *                     ({@code SET k v PX 100}) resolve to the same absolute deadline as they did live
 * @param args         the command as received
 * @param ingestPrefix present when the entry is a frame applied by MOVE-SCOPE-INGEST of that prefix
 *                     (only with {@code ingestLogged=true}); replay then applies it under the same
 *                     ingest rule (§3 rule 1) that accepted it live
 * @param liveVerdict  what the write path answered live ({@code accepted}, {@code MISDIRECTED},
 *                     {@code ingest}) — for traces and debugging; replay does not read it
 */
public record LogEntry(int shard, long nowMs, List<String> args, Optional<String> ingestPrefix, String liveVerdict) {
    public LogEntry {
        if (shard < 0) {
            throw new IllegalArgumentException("shard " + shard);
        }
        args = List.copyOf(args);
        Objects.requireNonNull(ingestPrefix, "ingestPrefix");
        Objects.requireNonNull(liveVerdict, "liveVerdict");
    }
}
