package movescope.live.adapter;

import java.util.List;
import java.util.SortedMap;

/** What one node step asks the live world to do; the live copy of the model's {@code Effect}s. */
public sealed interface NodeAction {
    record Reply(String conn, long reqId, String wire) implements NodeAction {}

    record Connect(String moveId, String targetId, String addr, long timeoutMs) implements NodeAction {}

    record SendIngest(String moveId, String targetId, List<String> args) implements NodeAction {}

    /** Send an election-plane message to peer {@code to} at {@code addr} ({@code host:elect_port} of its peers entry). */
    record ElectSend(String to, String addr, ElectMsg message) implements NodeAction {}

    record SetTimer(String timerId, long delayMs) implements NodeAction {}

    record CancelTimer(String timerId) implements NodeAction {}

    record Trace(String action, SortedMap<String, Object> fields) implements NodeAction {}
}
