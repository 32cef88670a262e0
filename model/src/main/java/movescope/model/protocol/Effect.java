package movescope.model.protocol;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one {@link KevyNode#step} asks of the world. The node never performs I/O itself: the simulator
 * sends, schedules and records these, in list order.
 */
public sealed interface Effect {

    /** The reply line for request {@code reqId} on connection {@code conn}, e.g. {@code +OK 3}. */
    record Reply(String conn, long reqId, String wire) implements Effect {
        public Reply {
            Objects.requireNonNull(conn, "conn");
            Objects.requireNonNull(wire, "wire");
        }
    }

    /**
     * Open a connection to {@code targetId}'s client port {@code addr} for move {@code moveId}. The node
     * enforces {@code timeoutMs} itself (a {@link SetTimer} accompanies this effect); the simulator
     * answers with {@link Input.ConnectResult} when the connection is made or refused.
     */
    record Connect(String moveId, String targetId, String addr, long timeoutMs) implements Effect {
        public Connect {
            Objects.requireNonNull(moveId, "moveId");
            Objects.requireNonNull(targetId, "targetId");
            Objects.requireNonNull(addr, "addr");
        }
    }

    /**
     * Send the one request {@code args} = {@code [MOVE-SCOPE-INGEST, prefix, bulk]} on move
     * {@code moveId}'s connection. The simulator delivers it to the target as an
     * {@link Input.ClientCommand}, reports {@link Input.SendComplete} once it is fully written, and turns
     * the target's reply into {@link Input.PeerReply} (or a failure into {@link Input.PeerError}).
     */
    record SendIngest(String moveId, String targetId, List<String> args) implements Effect {
        public SendIngest {
            Objects.requireNonNull(moveId, "moveId");
            Objects.requireNonNull(targetId, "targetId");
            args = List.copyOf(args);
        }
    }

    /**
     * Send an election-plane message to peer {@code to} at {@code addr}, the {@code host:elect_port} of its
     * {@code peers} entry (crates/kevy/src/state/election.rs:67-75, 328-334). It reaches that peer only if its
     * election listener is at that address; the simulator delivers it as {@link Input.ElectDeliver}.
     */
    record ElectSend(String to, String addr, movescope.model.election.ElectMessage message) implements Effect {
        public ElectSend {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(addr, "addr");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Deliver {@link Input.TimerFired} with {@code timerId} after {@code delayMs} (0 = next, after queued events). */
    record SetTimer(String timerId, long delayMs) implements Effect {
        public SetTimer {
            Objects.requireNonNull(timerId, "timerId");
            if (delayMs < 0) {
                throw new IllegalArgumentException("delayMs must be >= 0, got " + delayMs);
            }
        }
    }

    /** Forget a timer set earlier (delivering it anyway is harmless: stale timers are ignored). */
    record CancelTimer(String timerId) implements Effect {
        public CancelTimer {
            Objects.requireNonNull(timerId, "timerId");
        }
    }

    /**
     * A state change, named by a docs/vocabulary.md action; {@code fields} always holds {@code node}.
     * Field values are String, Long, Integer, Boolean or List of String — JSON-ready.
     */
    record Trace(String action, SortedMap<String, Object> fields) implements Effect {
        public Trace {
            Objects.requireNonNull(action, "action");
            fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
        }
    }
}
