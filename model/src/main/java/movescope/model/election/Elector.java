package movescope.model.election;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * kevy-elect's state machine, rule for rule (kevy 5.4, {@code crates/kevy-elect/src/elector.rs} and
 * {@code elector_inbound.rs} at 311feac0; line numbers below are those files'). Driven by
 * {@link #tick(long)} and {@link #onMessage(ElectMessage, long)}; it returns the messages to send and
 * records what changed ({@link #drainEvents()}). Time is milliseconds of virtual time, except the backoff
 * deadline, kept in nanoseconds because kevy's jitter is ({@link #jitterNs}).
 *
 * <p>The transport ({@code transport_loops.rs:223-248}) calls {@code on_message} and then {@code tick} for
 * every inbound message, and {@code tick} alone when 200 ms pass without one; that pumping is the
 * caller's ({@code movescope.model.protocol.ElectionDriver}).
 *
 * <p>What the elector saves to {@code elect.meta} is {@link #meta()}: a caller that persists it after each
 * call honours kevy's "save before the message leaves" rule, since a crash falls between calls.
 *
 * <p>Iteration is over sorted maps and the configured peer order only, so the outputs are deterministic.
 * Not thread-safe; {@link #copy()} branches it.
 */
public class Elector {
    /** {@code hb_interval} (elector.rs:53). */
    public static final long HB_INTERVAL_MS = 200;
    /** {@code down_after} (elector.rs:54): DOWN when {@code now - last_seen >= 5 s}. */
    public static final long DOWN_AFTER_MS = 5_000;
    /** {@code election_timeout} (elector.rs:55). */
    public static final long ELECTION_TIMEOUT_MS = 3_000;
    /** {@code election_backoff} (elector.rs:56). */
    public static final long ELECTION_BACKOFF_MS = 1_000;
    /** {@code election_backoff_jitter} (elector.rs:57), in ns: the jitter is below it. */
    public static final long ELECTION_BACKOFF_JITTER_NS = 4_000_000_000L;

    private static final long NS_PER_MS = 1_000_000L;

    /** The latest heartbeat from one peer (elector.rs:72-81). */
    public record PeerView(long lastSeenMs, long epoch, ElectRole role, long replOffset) {}

    private final String nodeId;
    private final List<String> peerIds;
    private final String advertisedAddr;
    private ElectRole role = ElectRole.REPLICA;
    private long epoch = 1;
    private Optional<String> currentPrimary = Optional.empty();
    private Long firstTickMs;
    private long myReplOffset;
    private final TreeMap<String, Long> lastHbSent = new TreeMap<>();
    private final TreeMap<String, PeerView> peerViews = new TreeMap<>();
    private final TreeSet<String> acceptVotes = new TreeSet<>();
    private Long offerAtMs;
    private Long backoffUntilNs;
    private Long lastAcceptEpoch;
    private ElectMeta saved;
    private final List<ElectEvent> events = new ArrayList<>();

    /**
     * A booted elector: role REPLICA (kevy clamps {@code role = "primary"} to it, state/election.rs:278-287),
     * epoch 1, no known primary (elector.rs:213-241), then the saved pair restored: the epoch becomes the
     * saved one when that is above 0, and a saved vote re-arms "already voted" for it (elector.rs:250-260).
     *
     * @param peerIds        every {@code peers} entry's id in config order, this node's own included when
     *                       listed; N = its size
     * @param advertisedAddr what ANNOUNCE carries (kevy: {@code <bind>:<server.port>}); receivers ignore it
     */
    public Elector(String nodeId, List<String> peerIds, String advertisedAddr, ElectMeta restored) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.peerIds = List.copyOf(peerIds);
        this.advertisedAddr = Objects.requireNonNull(advertisedAddr, "advertisedAddr");
        this.saved = Objects.requireNonNull(restored, "restored");
        if (restored.epoch() > 0) {
            epoch = Math.max(epoch, restored.epoch());
            if (restored.votedFor().isPresent()) {
                lastAcceptEpoch = restored.epoch();
            }
        }
    }

    /** An independent copy. */
    public Elector copy() {
        Elector e = newInstance(nodeId, peerIds, advertisedAddr, saved);
        e.role = role;
        e.epoch = epoch;
        e.currentPrimary = currentPrimary;
        e.firstTickMs = firstTickMs;
        e.myReplOffset = myReplOffset;
        e.lastHbSent.putAll(lastHbSent);
        e.peerViews.putAll(peerViews);
        e.acceptVotes.addAll(acceptVotes);
        e.offerAtMs = offerAtMs;
        e.backoffUntilNs = backoffUntilNs;
        e.lastAcceptEpoch = lastAcceptEpoch;
        e.events.addAll(events);
        return e;
    }

    /** A fresh elector of this class, for {@link #copy()} (a test subclass answers with its own class). */
    protected Elector newInstance(String id, List<String> peers, String addr, ElectMeta restored) {
        return new Elector(id, peers, addr, restored);
    }

    // ------------------------------------------------------------------------------------------ drive

    /** kevy's {@code tick} (elector.rs:304-313): first-tick anchor, heartbeats, stand, finish a candidacy. */
    public List<ElectOutbound> tick(long nowMs) {
        List<ElectOutbound> out = new ArrayList<>();
        if (firstTickMs == null) {
            firstTickMs = nowMs;
        }
        emitHeartbeats(nowMs, out);
        maybeStartElection(nowMs, out);
        maybeFinishCandidacy(nowMs, out);
        return out;
    }

    /**
     * kevy's {@code on_message} (elector.rs:319-348), filed under {@link ElectMessage#sender()} as the
     * transport does (transport_loops.rs:110).
     */
    public List<ElectOutbound> onMessage(ElectMessage msg, long nowMs) {
        List<ElectOutbound> out = new ArrayList<>();
        if (msg instanceof ElectMessage.Hb h) {
            onHb(h.sender(), h.epoch(), h.role(), h.replOffset(), nowMs);
        } else if (msg instanceof ElectMessage.Offer o) {
            onOffer(o.newEpoch(), o.candidateId(), o.replOffset(), out);
        } else if (msg instanceof ElectMessage.Accept a) {
            onAccept(a.epoch(), a.accepterId());
        } else if (msg instanceof ElectMessage.Announce a) {
            onAnnounce(a.epoch(), a.newPrimaryId());
        } else {
            throw new IllegalStateException("unhandled message " + msg);
        }
        return out;
    }

    /** The adapter's {@code set_repl_offset} (elector.rs:264-266). */
    public void setReplOffset(long offset) {
        myReplOffset = offset;
    }

    /** The state changes since the last call, oldest first. */
    public List<ElectEvent> drainEvents() {
        List<ElectEvent> e = List.copyOf(events);
        events.clear();
        return e;
    }

    // ------------------------------------------------------------------------------------------ tick

    /** One HB per other peer per 200 ms, each on its own schedule (elector.rs:353-377). */
    private void emitHeartbeats(long nowMs, List<ElectOutbound> out) {
        for (String peer : peerIds) {
            if (peer.equals(nodeId)) {
                continue;
            }
            Long prev = lastHbSent.get(peer);
            if (prev == null || nowMs - prev >= HB_INTERVAL_MS) {
                lastHbSent.put(peer, nowMs);
                out.add(new ElectOutbound(peer, new ElectMessage.Hb(epoch, nodeId, role, myReplOffset)));
            }
        }
    }

    /** elector.rs:382-414. */
    private boolean electionPreconditionsMet(long nowMs) {
        if (role != ElectRole.REPLICA) {
            return false;
        }
        if (backoffUntilNs != null && nowMs * NS_PER_MS < backoffUntilNs) {
            return false;
        }
        if (currentPrimary.isPresent()) {
            if (!isPeerDown(currentPrimary.get(), nowMs)) {
                return false;
            }
        } else if (firstTickMs == null || nowMs - firstTickMs < DOWN_AFTER_MS) {
            return false;
        }
        return amBestCandidate(nowMs);
    }

    /** Stand: save epoch + 1 with the self-vote first, then OFFER to all (elector.rs:416-443). */
    private void maybeStartElection(long nowMs, List<ElectOutbound> out) {
        if (!electionPreconditionsMet(nowMs)) {
            return;
        }
        long newEpoch = epoch + 1;
        save(newEpoch, Optional.of(nodeId));
        epoch = newEpoch;
        role = ElectRole.CANDIDATE;
        acceptVotes.clear();
        acceptVotes.add(nodeId);
        offerAtMs = nowMs;
        events.add(new ElectEvent(ElectEvent.Kind.STAND, epoch, ""));
        out.add(new ElectOutbound(ElectOutbound.BROADCAST, new ElectMessage.Offer(epoch, nodeId, myReplOffset)));
    }

    /** Quorum → PRIMARY and ANNOUNCE; 3 s without → REPLICA with backoff (elector.rs:445-480). */
    private void maybeFinishCandidacy(long nowMs, List<ElectOutbound> out) {
        if (role != ElectRole.CANDIDATE || offerAtMs == null) {
            return;
        }
        if (acceptVotes.size() >= quorumSize()) {
            role = ElectRole.PRIMARY;
            currentPrimary = Optional.of(nodeId);
            offerAtMs = null;
            acceptVotes.clear();
            events.add(new ElectEvent(ElectEvent.Kind.WIN, epoch, ""));
            out.add(new ElectOutbound(ElectOutbound.BROADCAST, new ElectMessage.Announce(epoch, nodeId, advertisedAddr)));
            return;
        }
        if (nowMs - offerAtMs >= ELECTION_TIMEOUT_MS) {
            role = ElectRole.REPLICA;
            offerAtMs = null;
            acceptVotes.clear();
            backoffUntilNs = nowMs * NS_PER_MS + ELECTION_BACKOFF_MS * NS_PER_MS + jitterNs(nodeId);
            events.add(new ElectEvent(ElectEvent.Kind.TIMEOUT, epoch, ""));
        }
    }

    // ------------------------------------------------------------------------------------------ inbound

    /** elector_inbound.rs:13-48. */
    private void onHb(String from, long hbEpoch, ElectRole hbRole, long replOffset, long nowMs) {
        peerViews.put(from, new PeerView(nowMs, hbEpoch, hbRole, replOffset));
        if (hbRole == ElectRole.PRIMARY && hbEpoch >= epoch
                && (hbEpoch > epoch || (currentPrimary.isEmpty() && role == ElectRole.REPLICA))) {
            followPrimaryHb(from, hbEpoch);
        }
    }

    /** elector_inbound.rs:52-70. */
    private void followPrimaryHb(String from, long hbEpoch) {
        if (hbEpoch > epoch) {
            save(hbEpoch, Optional.empty());
        }
        epoch = hbEpoch;
        boolean learned = !currentPrimary.equals(Optional.of(from));
        currentPrimary = Optional.of(from);
        if (role == ElectRole.PRIMARY && !from.equals(nodeId)) {
            role = ElectRole.REPLICA;
            events.add(new ElectEvent(ElectEvent.Kind.DEMOTE, epoch, from));
        } else if (role == ElectRole.CANDIDATE) {
            role = ElectRole.REPLICA;
            offerAtMs = null;
            acceptVotes.clear();
        }
        if (learned) {
            events.add(new ElectEvent(ElectEvent.Kind.FOLLOW, epoch, from));
        }
    }

    /**
     * The vote (elector_inbound.rs:72-112): refused when the epoch is not above this node's, this node's
     * offset is greater, the offsets tie and this node's id is bytewise lower, or it already voted in the
     * epoch. Otherwise the vote is saved, then ACCEPT goes to the candidate. The role does not change: a
     * PRIMARY that votes stays PRIMARY at the higher epoch.
     */
    private void onOffer(long newEpoch, String candidateId, long replOffset, List<ElectOutbound> out) {
        if (!grantsVote(newEpoch, candidateId, replOffset)) {
            return;
        }
        save(newEpoch, Optional.of(candidateId));
        lastAcceptEpoch = newEpoch;
        epoch = newEpoch;
        events.add(new ElectEvent(ElectEvent.Kind.VOTE, newEpoch, candidateId));
        out.add(new ElectOutbound(candidateId, new ElectMessage.Accept(newEpoch, nodeId)));
    }

    /** kevy's four refusals, in kevy's order (elector_inbound.rs:80-96). Overridable to plant a defect. */
    protected boolean grantsVote(long newEpoch, String candidateId, long replOffset) {
        if (newEpoch <= epoch) {
            return false;
        }
        if (myReplOffset > replOffset) {
            return false;
        }
        if (myReplOffset == replOffset && bytewiseLess(nodeId, candidateId)) {
            return false;
        }
        return lastAcceptEpoch == null || lastAcceptEpoch != newEpoch;
    }

    /** elector_inbound.rs:114-125: a vote counts only while CANDIDATE at that very epoch. */
    private void onAccept(long acceptEpoch, String accepterId) {
        if (role != ElectRole.CANDIDATE || epoch != acceptEpoch) {
            return;
        }
        acceptVotes.add(accepterId);
    }

    /** elector_inbound.rs:127-158. */
    private void onAnnounce(long annEpoch, String newPrimaryId) {
        if (annEpoch <= epoch && currentPrimary.equals(Optional.of(newPrimaryId))) {
            return;
        }
        if (annEpoch < epoch) {
            return;
        }
        save(annEpoch, Optional.of(newPrimaryId));
        epoch = annEpoch;
        boolean learned = !currentPrimary.equals(Optional.of(newPrimaryId));
        currentPrimary = Optional.of(newPrimaryId);
        lastAcceptEpoch = annEpoch;
        acceptVotes.clear();
        offerAtMs = null;
        if (newPrimaryId.equals(nodeId)) {
            role = ElectRole.PRIMARY;
        } else {
            if (role == ElectRole.PRIMARY) {
                events.add(new ElectEvent(ElectEvent.Kind.DEMOTE, epoch, newPrimaryId));
            }
            role = ElectRole.REPLICA;
        }
        if (learned) {
            events.add(new ElectEvent(ElectEvent.Kind.FOLLOW, epoch, newPrimaryId));
        }
    }

    // ------------------------------------------------------------------------------------------ policy

    /** {@code N/2 + 1}, N = the {@code peers} entries (elector_inbound.rs:162-164). */
    public int quorumSize() {
        return peerIds.size() / 2 + 1;
    }

    /** DOWN: never heard, or last heard at least 5 s ago (elector_inbound.rs:166-171). */
    public boolean isPeerDown(String peer, long nowMs) {
        PeerView v = peerViews.get(peer);
        return v == null || nowMs - v.lastSeenMs() >= DOWN_AFTER_MS;
    }

    /**
     * Among peers heard within 5 s, other than itself and the current primary, none has a higher offset
     * or an equal offset and a bytewise-lower id (elector_inbound.rs:178-208).
     */
    private boolean amBestCandidate(long nowMs) {
        for (String other : peerIds) {
            if (other.equals(nodeId) || currentPrimary.equals(Optional.of(other))) {
                continue;
            }
            PeerView v = peerViews.get(other);
            if (v == null || nowMs - v.lastSeenMs() >= DOWN_AFTER_MS) {
                continue;
            }
            if (v.replOffset() > myReplOffset) {
                return false;
            }
            if (v.replOffset() == myReplOffset && bytewiseLess(other, nodeId)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The primary lease (elector.rs:289-297): itself plus the senders heard within 5 s are a strict
     * majority of N. Every heard sender counts, listed or not, as in kevy.
     */
    public boolean hasQuorum(long nowMs) {
        int reachable = 0;
        for (PeerView v : peerViews.values()) {
            if (nowMs - v.lastSeenMs() < DOWN_AFTER_MS) {
                reachable++;
            }
        }
        int cluster = Math.max(peerIds.size(), 1);
        return (reachable + 1) * 2 > cluster;
    }

    /**
     * {@code ElectJitter::System} (elector.rs:159-185): an FNV-style hash of the id's bytes modulo 4 s,
     * the same for every attempt (the time is ignored).
     */
    public static long jitterNs(String nodeId) {
        long h = 1_469_598_103_934_665_603L;
        for (byte b : nodeId.getBytes(StandardCharsets.UTF_8)) {
            h = (h * 1_099_511_628_211L) ^ (b & 0xffL);
        }
        return Long.remainderUnsigned(h, ELECTION_BACKOFF_JITTER_NS);
    }

    /** Rust's {@code a.as_bytes() < b.as_bytes()}: unsigned lexicographic order of the UTF-8 bytes. */
    public static boolean bytewiseLess(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)) < 0;
    }

    private void save(long e, Optional<String> votedFor) {
        saved = new ElectMeta(e, votedFor);
    }

    // ------------------------------------------------------------------------------------------ views

    public String nodeId() {
        return nodeId;
    }

    public List<String> peerIds() {
        return peerIds;
    }

    public ElectRole role() {
        return role;
    }

    public long epoch() {
        return epoch;
    }

    public Optional<String> currentPrimary() {
        return currentPrimary;
    }

    /** What {@code elect.meta} holds now. */
    public ElectMeta meta() {
        return saved;
    }

    /** The last heartbeat time of {@code peer}, if any was heard since boot. */
    public Optional<Long> lastSeenMs(String peer) {
        PeerView v = peerViews.get(peer);
        return v == null ? Optional.empty() : Optional.of(v.lastSeenMs());
    }

    public SortedMap<String, PeerView> peerViews() {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(peerViews));
    }

    /** The backoff deadline in ns of virtual time, if a candidacy ever timed out. */
    public Optional<Long> backoffUntilNs() {
        return Optional.ofNullable(backoffUntilNs);
    }

    @Override
    public String toString() {
        return "Elector{" + nodeId + " " + role.wireName() + " epoch=" + epoch + " primary="
                + currentPrimary.orElse("-") + "}";
    }
}
