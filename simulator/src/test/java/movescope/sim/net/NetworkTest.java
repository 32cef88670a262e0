package movescope.sim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import movescope.gen.Rng;
import movescope.sim.scenario.Latency;
import movescope.sim.scenario.MessageClass;
import movescope.sim.scenario.NetRuleKind;
import movescope.sim.scenario.NetworkSpec;
import org.junit.jupiter.api.Test;

/**
 * Proves the network's faults behave as specified for a fixed seed: loss and duplication rates within
 * statistical bounds, latency inside its distribution with per-message jitter that reorders messages,
 * symmetric and one-way partitions, and drop/delay/duplicate rules that expire after their count or time.
 * Bounds are ±5 standard deviations, so a correct network fails them with negligible probability; the seed
 * is fixed, so results are reproducible: {@code mvn -o -q -pl simulator test -Dtest=NetworkTest}.
 */
class NetworkTest {
    static final int N = 20_000;

    @Test
    void lossAndDuplicationRatesAreWithinBounds() {
        Network net = new Network(new NetworkSpec(new Latency.Constant(1), 0.1, 0.2), Rng.of(11).fork("network"));
        int lost = 0;
        int dup = 0;
        for (int i = 0; i < N; i++) {
            Network.Fate f = net.send(i, "a", "b", MessageClass.REQUEST);
            if (f.lost()) {
                lost++;
            } else if (f.delays().length == 2) {
                dup++;
            }
        }
        within(lost, N, 0.1);
        within(dup, N - lost, 0.2);
        assertEquals(lost, net.lostCount());
    }

    private static void within(int count, int n, double p) {
        double sd = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(count - n * p) < 5 * sd, count + " of " + n + " is not ~" + p);
    }

    @Test
    void uniformLatencyStaysInRangeAndReorders() {
        Network net = new Network(new NetworkSpec(new Latency.Uniform(1, 20), 0, 0), Rng.of(5));
        int reordered = 0;
        long prevArrival = -1;
        double sum = 0;
        for (int i = 0; i < N; i++) {
            long d = net.send(i, "a", "b", MessageClass.REQUEST).delays()[0];
            assertTrue(d >= 1 && d <= 20, "latency " + d);
            sum += d;
            long arrival = i + d;
            if (arrival < prevArrival) {
                reordered++;
            }
            prevArrival = arrival;
        }
        assertTrue(Math.abs(sum / N - 10.5) < 0.3, "mean " + sum / N);
        assertTrue(reordered > N / 10, "messages sent 1 ms apart with 1..20 ms jitter overtake each other: " + reordered);
    }

    @Test
    void exponentialLatencyHasItsMean() {
        Network net = new Network(new NetworkSpec(new Latency.Exponential(8, 2), 0, 0), Rng.of(5));
        double sum = 0;
        for (int i = 0; i < N; i++) {
            long d = net.send(i, "a", "b", MessageClass.REQUEST).delays()[0];
            assertTrue(d >= 2);
            sum += d;
        }
        // minMs + floor(Exp(8)): mean = 2 + 8 - ~0.5 (rounding down).
        assertTrue(Math.abs(sum / N - 9.5) < 0.3, "mean " + sum / N);
    }

    @Test
    void partitionsCutSymmetricallyOrOneWayAndHeal() {
        Network net = new Network(NetworkSpec.DEFAULT, Rng.of(1));
        long sym = net.partition(Set.of("a"), Set.of("b", "c"), false);
        assertTrue(net.send(0, "a", "b", MessageClass.REQUEST).lost());
        assertTrue(net.send(0, "c", "a", MessageClass.REPLY).lost());
        assertFalse(net.send(0, "b", "c", MessageClass.REQUEST).lost());
        assertTrue(net.heal(sym));
        assertFalse(net.send(0, "a", "b", MessageClass.REQUEST).lost());
        net.partition(Set.of("a"), Set.of("b"), true);
        assertTrue(net.send(0, "a", "b", MessageClass.HEARTBEAT).lost());
        assertFalse(net.send(0, "b", "a", MessageClass.HEARTBEAT).lost());
        assertEquals(1, net.healAll());
        assertFalse(net.send(0, "a", "b", MessageClass.HEARTBEAT).lost());
    }

    @Test
    void rulesMatchByClassAndExpire() {
        Network net = new Network(NetworkSpec.DEFAULT, Rng.of(1));
        net.addRule(new NetRule(NetRuleKind.DROP, Optional.of("a"), Optional.empty(), MessageClass.INGEST, 2,
                OptionalLong.empty(), 1, 0));
        assertFalse(net.send(0, "a", "b", MessageClass.REQUEST).lost(), "other classes pass");
        assertTrue(net.send(0, "a", "b", MessageClass.INGEST).lost());
        assertFalse(net.send(0, "b", "a", MessageClass.INGEST).lost(), "other senders pass");
        assertTrue(net.send(0, "a", "c", MessageClass.INGEST).lost());
        assertFalse(net.send(0, "a", "b", MessageClass.INGEST).lost(), "count exhausted");
        net.addRule(new NetRule(NetRuleKind.DELAY, Optional.empty(), Optional.empty(), MessageClass.ANY, -1,
                OptionalLong.of(100), 1, 50));
        assertEquals(51, net.send(99, "a", "b", MessageClass.REPLY).delays()[0]);
        assertEquals(1, net.send(100, "a", "b", MessageClass.REPLY).delays()[0], "expired at untilMs");
        net.addRule(new NetRule(NetRuleKind.DUPLICATE, Optional.empty(), Optional.of("b"), MessageClass.ANY, 1,
                OptionalLong.empty(), 1, 0));
        assertEquals(2, net.send(0, "a", "b", MessageClass.REQUEST).delays().length);
        assertEquals(1, net.send(0, "a", "b", MessageClass.REQUEST).delays().length);
    }
}
