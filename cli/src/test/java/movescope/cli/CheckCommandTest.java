package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * {@code check} from outside the checkout: a relative spec target is found under $MOVESCOPE_HOME, progress goes
 * to stderr (the config being checked), stdout stays one JSON document, and --junit has one case per config.
 * Runs TLC once (a bait config, which stops at its first counterexample), so it is left out of -Pfast.
 */
class CheckCommandTest {
    @TempDir
    Path elsewhere;

    @Test
    void checkHonoursMovescopeHomeAndReportsProgressAndJunit() throws Exception {
        String cfg = "specs/MigrationTable/MCMigrationTable_BaitCommitted.cfg";
        CliRun r = CliRun.of(elsewhere, Map.of("MOVESCOPE_HOME", RepoPaths.root().toString()),
                "check", "--json", "--junit", "check.xml", cfg);
        assertEquals(0, r.exit(), r::transcript);
        assertTrue(r.err().contains("movescope check: checking MigrationTable MCMigrationTable_BaitCommitted.cfg (1 of 1)"),
                r::transcript);
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals("MATCH", doc.path("results").get(0).path("verdict").asText(), r::transcript);
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(elsewhere.resolve("check.xml").toFile()).getDocumentElement();
        assertEquals("1", suite.getAttribute("tests"));
        assertEquals("0", suite.getAttribute("failures"));
        Element c = (Element) suite.getElementsByTagName("testcase").item(0);
        assertTrue(c.getAttribute("name").endsWith("specs/MigrationTable/MCMigrationTable_BaitCommitted.cfg"),
                c.getAttribute("name"));

        CliRun without = CliRun.of(elsewhere, "check", cfg);
        assertEquals(2, without.exit(), "without MOVESCOPE_HOME the target is not found: " + without.transcript());
    }
}
