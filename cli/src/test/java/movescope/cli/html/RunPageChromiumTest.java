package movescope.cli.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import movescope.cli.CliRun;
import movescope.cli.RepoPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens run pages in a real headless Chromium and asserts on the DOM its script built: a lane per node and
 * client, the events (move phases named as in the spec), the violation marker with the invariant's claim, and
 * that long runs — a 20,000-key move and a 1,000-node cluster — stay bounded (lanes folded, routine events
 * aggregated). Skipped, saying so, only when no Chromium is installed ({@code apt-get install chromium}).
 * Reproduce: {@code mvn -o -q -pl cli -am test -Dtest=RunPageChromiumTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RunPageChromiumTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Chromium.binary().isPresent(),
                "SKIPPED: no chromium on PATH (install Debian's package: apt-get install -y chromium)");
    }

    private Path runWithPage(String relativeScenario) throws Exception {
        Path root = RepoPaths.root();
        CliRun r = CliRun.of(root, "run", "--html", "--reports", dir.resolve("reports").toString(), relativeScenario);
        assertEquals(0, r.exit(), r::transcript);
        String base = Path.of(relativeScenario).getFileName().toString().replaceFirst("\\.json$", "");
        return dir.resolve("reports/" + base + ".html");
    }

    private static int count(String dom, String regex) {
        Matcher m = Pattern.compile(regex).matcher(dom);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void aFindingShowsLanesEventsAndTheViolationWithItsClaim() throws Exception {
        Path page = runWithPage("scenarios/stories/source-restart-forgets-migrated.json");
        String html = Files.readString(page);
        assertFalse(Pattern.compile("(src|href)\\s*=|@import|url\\(\\s*['\"]?http").matcher(html).find(),
                "the page must load nothing from anywhere");
        String dom = Chromium.dumpDom(page, dir);
        for (String lane : new String[] {"a", "b", "c1"}) {
            assertTrue(dom.contains("class=\"lane") && dom.contains("data-lane=\"" + lane + "\""), "lane " + lane);
        }
        assertEquals(3, count(dom, "<g class=\"lane "), "nodes a and b and client c1 (node c takes no part in this trace)");
        for (String phase : new String[] {"Start", "Ship", "Ingest", "CommitRemove", "CommitInsert", "Crash", "Restart", "PushConfig"}) {
            assertTrue(dom.contains("data-action=\"" + phase + "\""), "event " + phase);
        }
        assertTrue(count(dom, "<g class=\"ev ") >= 10, "events drawn");
        assertTrue(dom.contains("class=\"ev a-ClientWrite v-accepted\""), "a reply coloured by its verdict");
        assertTrue(dom.contains("id=\"violation\"") && dom.contains("data-invariant=\"SingleWriter\""), "violation marker");
        assertTrue(dom.contains("SingleWriter claims: at any moment, at most one live node accepts checked writes for a given scoped key"),
                "the claim in words");
        assertTrue(dom.contains("FOUND SingleWriter (expected)"), "the verdict line");
        Matcher title = Pattern.compile("<title>(\\{&quot;action&quot;:&quot;Start&quot;[^<]*|[^<]*\\{\"action\":\"Start\"[^<]*)</title>")
                .matcher(dom);
        assertTrue(title.find(), "hovering the Start mark shows its trace line");
    }

    @Test
    void aTwentyThousandKeyMoveRendersItsPhases() throws Exception {
        // committed-move.json moves app:billing: with 20,000 bulk keys (20,003 frames) from a to b.
        Path page = runWithPage("scenarios/stories/committed-move.json");
        String dom = Chromium.dumpDom(page, dir);
        assertTrue(dom.contains("&quot;frames&quot;:20003") || dom.contains("\"frames\":20003"), "the Ship line with 20,003 frames");
        assertTrue(dom.contains("data-action=\"Ship\"") && dom.contains("data-action=\"Ingest\""));
        assertFalse(dom.contains("id=\"violation\""), "no violation in a passing run");
        assertTrue(Files.size(page) < 200_000, "the page stays small: " + Files.size(page));
    }

    @Test
    void aThousandNodeRunIsFoldedAndAggregated() throws Exception {
        Path scenario = dir.resolve("thousand-nodes.json");
        Files.writeString(scenario, """
                {
                  "name": "thousand-nodes",
                  "description": "1,000 generated nodes, one scope each, 40 workload clients; n000 moves its scope to n001 and n500 crashes and restarts.",
                  "variant": "kevy-5.4",
                  "cluster": { "generate": { "nodes": 1000, "scopesPerNode": 1, "fallback": false } },
                  "workload": { "clients": 40, "keysPerScope": 2, "opsPerSec": 40, "mix": { "SET": 4, "GET": 2 } },
                  "steps": [
                    { "at": 1000, "do": "operator", "node": "n000", "command": "MOVE-SCOPE n000:s0: FROM n000 TO n001" },
                    { "at": 1500, "do": "crash", "node": "n500" },
                    { "at": 2500, "do": "restart", "node": "n500" }
                  ],
                  "endMs": 4000,
                  "expect": { "hold": [ "SingleWriter", "NoLostWrite" ] }
                }
                """);
        CliRun r = CliRun.of(dir, "run", "--html", "--reports", dir.resolve("reports").toString(), scenario.toString());
        assertTrue(r.exit() == 0 || r.exit() == 1, r::transcript);
        Path page = dir.resolve("reports/thousand-nodes.html");
        String dom = Chromium.dumpDom(page, dir);
        int lanes = count(dom, "<g class=\"lane ");
        assertTrue(lanes <= Timeline.MAX_LANES + 2, "lanes bounded: " + lanes);
        assertTrue(dom.contains("other nodes"), "quiet nodes folded into one lane");
        assertTrue(dom.contains("data-lane=\"n000\"") && dom.contains("data-lane=\"n001\"") && dom.contains("data-lane=\"n500\""),
                "the move's nodes and the crashed node keep their lanes");
        assertTrue(dom.contains("data-action=\"aggregate\""), "far-out routine events aggregated");
        assertTrue(dom.contains("data-action=\"Start\"") && dom.contains("data-action=\"Crash\""));
        int marks = count(dom, "<g class=\"ev ");
        assertTrue(marks < 20_000, "marks bounded: " + marks);
    }

    @Test
    void theReportCommandRendersAnExistingRun() throws Exception {
        Path root = RepoPaths.root();
        CliRun run = CliRun.of(root, "run", "--reports", dir.resolve("reports").toString(),
                "scenarios/stories/target-restart-loses-ingested-slice.json");
        assertEquals(0, run.exit(), run::transcript);
        Path trace = dir.resolve("reports/target-restart-loses-ingested-slice.trace.ndjson");
        CliRun report = CliRun.of(dir, "report", trace.toString());
        assertEquals(0, report.exit(), report::transcript);
        Path page = dir.resolve("reports/target-restart-loses-ingested-slice.html");
        String dom = Chromium.dumpDom(page, dir);
        assertTrue(dom.contains("data-invariant=\"NoStrandedWrite\""), "violation marker from the run report");
        assertTrue(dom.contains("1 stranded write"), "headline from the run report");
    }

    @Test
    void aMalformedTraceIsBadInputAndWritesNothing() throws Exception {
        Path trace = dir.resolve("bad.trace.ndjson");
        Files.writeString(trace, "{\"action\":\"Start\",\"t\":1}\nnot json\n");
        CliRun r = CliRun.of(dir, "report", "bad.trace.ndjson");
        assertEquals(2, r.exit(), r::transcript);
        assertTrue(r.err().startsWith("bad.trace.ndjson:2:"), r::transcript);
        assertFalse(Files.exists(dir.resolve("bad.html")));
    }

}
