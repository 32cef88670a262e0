package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code --junit FILE} writes JUnit XML a CI server parses: one test case per scenario named by file, failures marked. */
class JunitReportTest {
    @TempDir
    Path dir;

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void runWritesOneTestCasePerScenarioWithFailuresMarked() throws Exception {
        Scenarios.writeWithGolden(dir, "scenarios/ok.json", Scenarios.simple("ok", "\"+OK\"", ExitCodeTest.HOLD4));
        Scenarios.write(dir, "scenarios/wrong.json", Scenarios.simple("wrong", "\"+OK\"", ""));
        CliRun r = CliRun.of(dir, "run", "--junit", "out/junit.xml", "scenarios/ok.json", "scenarios/wrong.json");
        assertEquals(1, r.exit(), r::transcript);
        Element suite = parse(dir.resolve("out/junit.xml")).getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(2, cases.getLength());
        Element ok = (Element) cases.item(0);
        Element wrong = (Element) cases.item(1);
        assertEquals("scenarios/ok.json", ok.getAttribute("name"));
        assertEquals(0, ok.getElementsByTagName("failure").getLength());
        assertTrue(ok.getElementsByTagName("system-out").item(0).getTextContent().contains("found: "));
        assertEquals("scenarios/wrong.json", wrong.getAttribute("name"));
        Element failure = (Element) wrong.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").startsWith("SAFETY_VIOLATION RedirectsConverge"), failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("reproduce: movescope run --seed "), failure.getTextContent());
    }

    @Test
    void swarmWritesOneTestCasePerKindAndOneForThePassingRuns() throws Exception {
        // 12 kevy-5.4 runs from seed 7 fail in at least one kind (CampaignCommandTest's campaign).
        CliRun r = CliRun.of(dir, "swarm", "--runs", "12", "--seed", "7", "--jobs", "1", "--shrink-budget", "0",
                "--reports", "out", "--junit", "swarm.xml");
        assertEquals(1, r.exit(), r::transcript);
        Element suite = parse(dir.resolve("swarm.xml")).getDocumentElement();
        NodeList cases = suite.getElementsByTagName("testcase");
        int failures = Integer.parseInt(suite.getAttribute("failures"));
        assertTrue(failures >= 1, r::transcript);
        assertEquals(failures + 1, cases.getLength(), "one case per kind plus the passing runs: " + r.transcript());
        assertEquals(suite.getAttribute("failures"), Integer.toString(suite.getElementsByTagName("failure").getLength()));
        assertEquals("passing runs", ((Element) cases.item(cases.getLength() - 1)).getAttribute("name"));
    }

    @Test
    void controlCharactersInTextDoNotBreakTheXml() throws Exception {
        String xml = movescope.cli.report.JunitXml.render("s", java.util.List.of(new movescope.cli.report.JunitXml.Case(
                "a<b>&\"c\"", "k", 0.5, java.util.Optional.of("bad \u0001 reply"), "x\u0000y", "out")));
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Element c = (Element) d.getElementsByTagName("testcase").item(0);
        assertEquals("a<b>&\"c\"", c.getAttribute("name"));
        assertEquals("bad ? reply", ((Element) c.getElementsByTagName("failure").item(0)).getAttribute("message"));
    }
}
