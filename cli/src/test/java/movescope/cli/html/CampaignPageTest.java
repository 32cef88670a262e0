package movescope.cli.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The campaign page's text, without a browser: escaping, the passing headline, interrupted and unshrunk kinds. */
class CampaignPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode campaign(String kinds, long pass, long done, boolean complete) throws Exception {
        return JSON.readTree("""
                {"schema":"movescope-campaign/1","seed":3,"runsPlanned":10,"shard":"1/1","shardRuns":10,
                 "runsDone":%d,"complete":%s,"template":"t","templateSha256":"ab","variant":"fixed","shrinkBudget":5,
                 "adversary":true,"verdicts":{"PASS":%d,"SAFETY_VIOLATION":%d},"invariants":{},"baits":{},
                 "coverage":{"actions":{"Commit":{"runs":0,"count":0,"specAction":true}},"specActionsNeverSeen":["Commit"],
                 "switchPaths":{"logMisdirected":2}},"kinds":%s}
                """.formatted(done, complete, pass, done - pass, kinds));
    }

    @Test
    void aPassingCampaignSaysSoAndListsWhatNoRunReached() throws Exception {
        String page = CampaignPage.render(campaign("[]", 10, 10, true), n -> Optional.empty());
        assertTrue(page.contains("PASS: all 10 runs held every checked claim"));
        assertTrue(page.contains("No run failed."));
        assertTrue(page.contains("spec actions no run produced: <code>Commit</code>"));
        assertTrue(page.contains("<tr class=\"never\"><td><code>Commit</code>"));
    }

    @Test
    void textFromTheReportIsEscapedAndUnshrunkKindsHaveNoLinks() throws Exception {
        String kinds = """
                [{"rank":1,"name":"kind-01-x","signature":"NoLostWrite[<script>alert(1)</script>]","invariant":"NoLostWrite",
                  "actions":[],"count":4,"firstRun":0,"firstSeed":9,"firstSummary":"a & b","runs":[0],"shrunk":null,
                  "explanation":"\\"quoted\\"","remedies":{},"removedBy":[]}]
                """;
        String page = CampaignPage.render(campaign(kinds, 6, 10, false), n -> Optional.of("never-used.html"));
        assertFalse(page.contains("<script>alert"), "report text is escaped");
        assertTrue(page.contains("NoLostWrite[&lt;script&gt;alert(1)&lt;/script&gt;]"));
        assertTrue(page.contains("a &amp; b") && page.contains("&quot;quoted&quot;"));
        assertTrue(page.contains("<td>not shrunk</td>") && page.contains("no single remedy"));
        assertFalse(page.contains("never-used.html"), "a kind without a shrunk scenario links to no run page");
        assertTrue(page.contains("NOT complete"));
        assertTrue(page.contains("FOUND 1 kind of failure in 4 of 10 runs"));
        assertEquals(1, page.split("<tr class=\"kind\"", -1).length - 1);
    }
}
