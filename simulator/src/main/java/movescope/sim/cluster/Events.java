package movescope.sim.cluster;

import java.util.List;
import movescope.model.protocol.Effect;

/**
 * The events on the simulator's agenda. Each names exactly what happens when it fires; incarnation
 * numbers ({@code inc}) make events of a node's previous life (before a crash or restart) harmless.
 */
sealed interface Events {
    /** Scenario step number {@code index} is due. */
    record StepDue(int index) implements Events {}

    /** A client or operator request reaches {@code node}. */
    record RequestArrives(String from, String node, String conn, long reqId, List<String> args) implements Events {}

    /** A reply (or a simulator-made connection error) reaches a client or the operator. */
    record ReplyArrives(String node, String to, String conn, long reqId, String wire) implements Events {}

    /** The source's connection attempt of {@code moveId} reaches the target. */
    record ConnectArrives(String moveId) implements Events {}

    /** The target's answer to the connection attempt reaches the source. */
    record ConnectAnswered(String moveId, boolean ok, String error) implements Events {}

    /** The INGEST request of {@code moveId} has been written (socket buffer or delivered). */
    record SendDone(String moveId) implements Events {}

    /** The INGEST request reaches the target. */
    record IngestArrives(String moveId, List<String> args) implements Events {}

    /** The target's INGEST reply reaches the source. */
    record IngestReplyArrives(String moveId, String wire) implements Events {}

    /** The ship connection of {@code moveId} failed (closed by the target's crash). */
    record IngestFails(String moveId, String reason) implements Events {}

    /** The target of {@code moveId} finished applying its frames: its reply {@code wire} leaves now. */
    record IngestApplied(String moveId, String node, long inc, String wire) implements Events {}

    /** A raw client's time to send its command again. */
    record RawSend(String client) implements Events {}

    /** A raw client's request {@code reqId} got no reply in time. */
    record RawTimeout(String client, long reqId) implements Events {}

    /** A scripted peer's time to answer (or just close) the ship connection of {@code moveId} has come. */
    record ScriptedPeerAnswers(String moveId) implements Events {}

    /** A scripted peer's raw reply bytes reach the source of {@code moveId}. */
    record ScriptedReplyArrives(String moveId, String bytes) implements Events {}

    /** A node's timer fires. */
    record TimerDue(String node, String timerId, long token) implements Events {}

    /** Effects the node asked for, deferred by MOVE-SCOPE's serialization time. */
    record Deferred(String node, long inc, List<Effect> effects) implements Events {}

    /** An election-plane message reaches the listener of {@code node} in its incarnation {@code inc}. */
    record ElectArrives(String node, long inc, movescope.model.election.ElectMessage message) implements Events {}

    /** Node {@code node} sends its heartbeats. */
    record HeartbeatTick(String node) implements Events {}

    /** Re-examine receiver {@code r}'s DOWN view of writer {@code p}. */
    record DownWatch(String r, String p) implements Events {}

    /** A client's QUIESCED back-off sleep ends. */
    record ClientWake(String client, long token) implements Events {}

    /** A client's request has waited {@code timeoutMs}. */
    record ClientTimeout(String client, long reqId) implements Events {}

    /** A workload client issues its next command. */
    record WorkloadNext(String client) implements Events {}

    /** A chaos-phase event, handled by {@link movescope.sim.fault.Chaos}. */
    record Fault(movescope.sim.fault.FaultEvent event) implements Events {}

    /** Every migration must have ended by now. */
    record LivenessDeadline() implements Events {}
}
