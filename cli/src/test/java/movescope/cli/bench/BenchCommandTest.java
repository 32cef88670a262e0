package movescope.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import movescope.cli.CliRun;
import movescope.cli.RepoPaths;
import org.junit.jupiter.api.Test;

/**
 * {@code movescope bench}: the document's shape and arithmetic, never its speed (no timing thresholds: the
 * numbers depend on the machine). Every field a reader of docs/bench.md relies on exists and is positive, and
 * every derived number is the quotient of the numbers printed next to it.
 */
class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode bench(String... extra) throws Exception {
        String[] args = new String[3 + extra.length];
        args[0] = "bench";
        args[1] = "--quick";
        args[2] = "--json";
        System.arraycopy(extra, 0, args, 3, extra.length);
        CliRun r = CliRun.of(RepoPaths.root(), args);
        assertEquals(0, r.exit(), r::transcript);
        assertFalse(r.err().contains("Exception"), r::transcript);
        return JSON.readTree(r.out());
    }

    private static double positive(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        assertTrue(n != null && n.isNumber(), field + " is a number in " + parent);
        double v = n.asDouble();
        assertTrue(v > 0 && Double.isFinite(v), field + " is positive in " + parent);
        return v;
    }

    private static void quotient(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-9, what);
    }

    /** A timed section: events, seconds, events/s = events / seconds, CPU time, the queue it ran with. */
    private static JsonNode section(JsonNode doc, String field) {
        JsonNode s = doc.get(field);
        assertTrue(s != null && s.isObject(), field + " present");
        assertTrue(s.get("name").asText().length() > 0, field + ".name");
        double events = positive(s, "events");
        double seconds = positive(s, "seconds");
        quotient(events / seconds, positive(s, "eventsPerSec"), field + ".eventsPerSec = events / seconds");
        double cpu = positive(s, "cpuSeconds");
        quotient(events / cpu, positive(s, "eventsPerCpuSec"), field + ".eventsPerCpuSec = events / cpuSeconds");
        positive(s, "queueSize");
        assertTrue(s.get("gcSeconds").asDouble() >= 0, field + ".gcSeconds");
        assertTrue(s.get("allocatedBytesPerEvent").asDouble() >= 0, field + ".allocatedBytesPerEvent");
        assertTrue(s.get("queueSizeMeasured").asBoolean(), field + ": the simulator's agenda was found and sampled");
        return s;
    }

    /** A simulator section: also runs, runs/s, events per run and verdicts that add up to the runs. */
    private static JsonNode simulator(JsonNode doc, String field) {
        JsonNode s = section(doc, field);
        double runs = positive(s, "runs");
        quotient(runs / s.get("seconds").asDouble(), positive(s, "runsPerSec"), field + ".runsPerSec");
        quotient(s.get("events").asDouble() / runs, positive(s, "eventsPerRun"), field + ".eventsPerRun");
        long sum = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = s.get("verdicts").fields(); it.hasNext(); ) {
            sum += it.next().getValue().asLong();
        }
        assertEquals((long) runs, sum, field + ": every run has a verdict");
        positive(s, "allocatedBytesPerEvent"); // a simulated event allocates (a ceiling's need not)
        return s;
    }

    private static void checkSimulatorSections(JsonNode doc) {
        JsonNode m = doc.get("machine");
        positive(m, "cores");
        positive(m, "heapMaxBytes");
        assertTrue(m.get("jvm").asText().length() > 0);
        assertEquals(1, m.get("threads").asInt());
        assertTrue(doc.get("settings").get("quick").asBoolean());

        JsonNode campaignCeiling = section(doc, "campaignCeiling");
        JsonNode campaign = simulator(doc, "campaign");
        JsonNode bigCeiling = section(doc, "bigClusterCeiling");
        JsonNode big = simulator(doc, "bigCluster");
        // The ceiling runs on a queue filled to the simulated agenda's mean size.
        assertEquals(Math.max(1, Math.round(campaign.get("queueSize").asDouble())), campaignCeiling.get("queueSize").asLong());
        assertEquals(Math.max(1, Math.round(big.get("queueSize").asDouble())), bigCeiling.get("queueSize").asLong());
        assertEquals(doc.get("settings").get("bigNodes").asInt(), 30, "--quick's big cluster");

        JsonNode ratios = doc.get("ratios");
        quotient(campaign.get("eventsPerSec").asDouble() / campaignCeiling.get("eventsPerSec").asDouble(),
                positive(ratios, "campaignToCeiling"), "campaignToCeiling");
        quotient(big.get("eventsPerSec").asDouble() / bigCeiling.get("eventsPerSec").asDouble(),
                positive(ratios, "bigClusterToCeiling"), "bigClusterToCeiling");
        quotient(campaign.get("eventsPerCpuSec").asDouble() / campaignCeiling.get("eventsPerCpuSec").asDouble(),
                positive(ratios, "campaignToCeilingCpu"), "campaignToCeilingCpu");
        quotient(big.get("eventsPerCpuSec").asDouble() / bigCeiling.get("eventsPerCpuSec").asDouble(),
                positive(ratios, "bigClusterToCeilingCpu"), "bigClusterToCeilingCpu");
    }

    @Test
    void quickJsonWithoutTlcHasEverySectionAndItsRatios() throws Exception {
        JsonNode doc = bench("--skip-tlc");
        checkSimulatorSections(doc);
        assertTrue(doc.get("tlc").get("skipped").asBoolean());
        assertEquals(1, doc.get("tlc").size(), "a skipped TLC section says only that");
        assertTrue(doc.get("ratios").get("campaignRunsPerTlcBehaviour").isNull());
    }

    @Test
    void aLongRunNoLongerThanTheShortOneGivesNoRate() {
        TlcBench.Result slower = new TlcBench.Result(new TlcBench.Run(40, 400, 2_000_000_000L),
                new TlcBench.Run(200, 2_000, 1_900_000_000L));
        assertFalse(slower.conclusive());
        assertTrue(slower.inconclusive().orElseThrow().startsWith(
                "TLC's run of 200 behaviours was not longer than its run of 40 (1.9 s vs 2.0 s)"), slower.inconclusive().get());
        TlcBench.Result fine = new TlcBench.Result(new TlcBench.Run(40, 400, 1_000_000_000L),
                new TlcBench.Run(200, 2_000, 1_500_000_000L));
        assertTrue(fine.conclusive());
        assertTrue(fine.inconclusive().isEmpty());
        assertEquals(320.0, fine.behavioursPerSec(), 1e-9);
        assertEquals(3_200.0, fine.statesPerSec(), 1e-9);
    }

    @Test
    void quickJsonWithTlcMeasuresTheDifferenceOfTwoRuns() throws Exception {
        JsonNode doc = bench("--tlc-behaviours", "200");
        checkSimulatorSections(doc);
        JsonNode tlc = doc.get("tlc");
        assertFalse(tlc.get("skipped").asBoolean());
        assertEquals("specs/MoveScope/MCMoveScope_fixed.cfg", tlc.get("config").asText());
        JsonNode shortRun = tlc.get("shortRun");
        JsonNode longRun = tlc.get("longRun");
        assertEquals(40, shortRun.get("behaviours").asLong());
        assertEquals(200, longRun.get("behaviours").asLong());
        double behaviours = positive(tlc, "behaviours");
        assertEquals(160, (long) behaviours, "the long run's behaviours minus the short run's");
        double states = positive(tlc, "states");
        assertEquals(longRun.get("states").asLong() - shortRun.get("states").asLong(), (long) states);
        assertTrue(states >= behaviours, "every behaviour has at least one state");
        // Whether the long run took longer is a matter of the machine's load (JVM start-up noise against 160
        // behaviours' work), so the test accepts both outcomes and checks each one's form: a rate with its
        // arithmetic, or no rate and a note saying why (never a negative or infinite rate).
        if (tlc.has("inconclusive")) {
            assertTrue(tlc.get("inconclusive").asText().contains("was not longer than its run of 40"), tlc.toString());
            assertTrue(tlc.get("seconds").isNull() && tlc.get("statesPerSec").isNull()
                    && tlc.get("behavioursPerSec").isNull(), tlc.toString());
            assertTrue(longRun.get("wallSeconds").asDouble() <= shortRun.get("wallSeconds").asDouble(), tlc.toString());
            assertTrue(doc.get("ratios").get("campaignRunsPerTlcBehaviour").isNull());
            return;
        }
        assertTrue(longRun.get("wallSeconds").asDouble() > shortRun.get("wallSeconds").asDouble(), tlc.toString());
        double seconds = positive(tlc, "seconds");
        quotient(longRun.get("wallSeconds").asDouble() - shortRun.get("wallSeconds").asDouble(), seconds, "tlc.seconds");
        quotient(states / seconds, positive(tlc, "statesPerSec"), "statesPerSec");
        quotient(behaviours / seconds, positive(tlc, "behavioursPerSec"), "behavioursPerSec");
        quotient(doc.get("campaign").get("runsPerSec").asDouble() / tlc.get("behavioursPerSec").asDouble(),
                positive(doc.get("ratios"), "campaignRunsPerTlcBehaviour"), "campaignRunsPerTlcBehaviour");
    }

    @Test
    void theTableNamesEverySection() {
        CliRun r = CliRun.of(RepoPaths.root(), "bench", "--quick", "--skip-tlc", "--seconds", "0.05");
        assertEquals(0, r.exit(), r::transcript);
        for (String s : new String[] {"empty loop (ceiling), queue", "campaign: 3 nodes", "30 nodes, moves",
            "TLC: skipped", "campaign events/s / its ceiling", "campaign runs/s / TLC behaviours/s"}) {
            assertTrue(r.out().contains(s), s + "\n" + r.transcript());
        }
    }

    @Test
    void withoutTheSpecTlcIsABadInputUnlessSkipped(@org.junit.jupiter.api.io.TempDir java.nio.file.Path elsewhere) {
        CliRun r = CliRun.of(elsewhere, "bench", "--quick");
        assertEquals(2, r.exit(), r::transcript);
        assertTrue(r.err().contains("cannot find specs/MoveScope/MCMoveScope_fixed.cfg"), r::transcript);
        assertTrue(r.err().contains("--skip-tlc"), r::transcript);
        assertTrue(r.out().isEmpty(), "nothing measured: " + r.transcript());
    }

    @Test
    void theCeilingKeepsItsQueueAndCountsEveryEvent() {
        Ceiling.Timing t = Ceiling.run(100, 20_000_000L);
        assertTrue(t.events() >= 4096, "at least one batch of events");
        assertEquals(1, t.runs());
        assertTrue(t.nanos() >= 20_000_000L, "ran for its budget");
    }

    @Test
    void badSizesAreUsageErrors() {
        for (String[] args : new String[][] {{"bench", "--seconds", "0"}, {"bench", "--nodes", "1"},
            {"bench", "--tlc-behaviours", "2"}, {"bench", "--seconds", "x"}}) {
            CliRun r = CliRun.of(RepoPaths.root(), args);
            assertEquals(2, r.exit(), r::transcript);
            assertTrue(r.out().isEmpty(), r::transcript);
            assertFalse(r.err().contains("at movescope."), "no stack trace: " + r.transcript());
        }
    }
}
