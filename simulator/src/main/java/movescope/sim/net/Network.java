package movescope.sim.net;

import movescope.sim.engine.VirtualTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import movescope.gen.Rng;
import movescope.sim.scenario.Latency;
import movescope.sim.scenario.MessageClass;
import movescope.sim.scenario.NetRuleKind;
import movescope.sim.scenario.NetworkSpec;

/**
 * The simulated network between nodes, clients and the operator. For each message it decides — from
 * partitions, the scenario's drop/duplicate/delay rules, and the random loss, duplication and latency —
 * whether and when it arrives, using its own forked random stream so other components' draws never
 * shift it. Lost messages are gone (no retransmission): the waiting side's timers decide.
 */
public final class Network {
    /** The outcome for one message: arrival delays (empty = lost), plus why, for the trace. */
    public record Fate(long[] delays, String dropReason, boolean duplicated, long extraDelayMs) {
        public boolean lost() {
            return delays.length == 0;
        }
    }

    private final Rng rng;
    private final Latency latency;
    private final double baseLoss;
    private final double baseDuplicate;
    private double extraLoss;
    private double extraDuplicate;
    private final TreeMap<Long, Partition> partitions = new TreeMap<>();
    private final List<NetRule> rules = new ArrayList<>();
    private long nextPartitionId = 1;

    private long sent;
    private long lost;
    private long duplicated;

    public Network(NetworkSpec spec, Rng rng) {
        this.rng = rng;
        this.latency = spec.latency();
        this.baseLoss = spec.loss();
        this.baseDuplicate = spec.duplicate();
    }

    /** Adds chaos-phase loss/duplication on top of the scenario's (0 to stop). */
    public void setExtra(double loss, double duplicate) {
        this.extraLoss = loss;
        this.extraDuplicate = duplicate;
    }

    public long partition(java.util.Set<String> from, java.util.Set<String> to, boolean oneWay) {
        long id = nextPartitionId++;
        partitions.put(id, new Partition(id, from, to, oneWay));
        return id;
    }

    public boolean heal(long id) {
        return partitions.remove(id) != null;
    }

    public int healAll() {
        int n = partitions.size();
        partitions.clear();
        return n;
    }

    public void clearRules() {
        rules.clear();
    }

    public void addRule(NetRule r) {
        rules.add(r);
    }

    public boolean isCut(String src, String dst) {
        for (Partition p : partitions.values()) {
            if (p.cuts(src, dst)) {
                return true;
            }
        }
        return false;
    }

    public boolean hasPartitions() {
        return !partitions.isEmpty();
    }

    /** Decides the fate of one message sent now from {@code src} to {@code dst}. */
    public Fate send(long now, String src, String dst, MessageClass cls) {
        sent++;
        if (!partitions.isEmpty() && isCut(src, dst)) {
            lost++;
            return new Fate(new long[0], "partition", false, 0);
        }
        boolean dup = false;
        long extra = 0;
        if (!rules.isEmpty()) {
            Iterator<NetRule> it = rules.iterator();
            boolean dropped = false;
            boolean delayed = false;
            while (it.hasNext()) {
                NetRule r = it.next();
                if (!r.live(now)) {
                    it.remove();
                    continue;
                }
                if (!r.matches(src, dst, cls)) {
                    continue;
                }
                boolean applies = (r.kind == NetRuleKind.DROP && !dropped) || (r.kind == NetRuleKind.DUPLICATE && !dup)
                        || (r.kind == NetRuleKind.DELAY && !delayed);
                if (!applies || !rng.chance(r.probability)) {
                    continue;
                }
                if (r.remaining > 0) {
                    r.remaining--;
                }
                switch (r.kind) {
                    case DROP -> dropped = true;
                    case DUPLICATE -> dup = true;
                    case DELAY -> {
                        delayed = true;
                        extra += r.delayMs;
                    }
                    default -> throw new IllegalStateException("unhandled rule " + r.kind);
                }
            }
            if (dropped) {
                lost++;
                return new Fate(new long[0], "rule", false, 0);
            }
        }
        double loss = Math.min(1, baseLoss + extraLoss);
        if (loss > 0 && rng.chance(loss)) {
            lost++;
            return new Fate(new long[0], "loss", false, 0);
        }
        double dupP = Math.min(1, baseDuplicate + extraDuplicate);
        if (!dup && dupP > 0 && rng.chance(dupP)) {
            dup = true;
        }
        long first = latency() + extra;
        if (dup) {
            duplicated++;
            return new Fate(new long[] {first, latency() + extra}, null, true, extra);
        }
        return new Fate(new long[] {first}, null, false, extra);
    }

    /** One latency draw from the scenario's distribution. */
    public long latency() {
        if (latency instanceof Latency.Constant c) {
            return c.ms();
        }
        if (latency instanceof Latency.Uniform u) {
            return rng.uniform(u.minMs(), u.maxMs());
        }
        if (latency instanceof Latency.Exponential e) {
            return VirtualTime.after(e.minMs(), rng.exponentialLong(e.meanMs()));
        }
        throw new IllegalStateException("unhandled latency " + latency);
    }

    public long sentCount() {
        return sent;
    }

    public long lostCount() {
        return lost;
    }

    public long duplicatedCount() {
        return duplicated;
    }
}
