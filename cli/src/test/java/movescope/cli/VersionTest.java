package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** --version, on the top command and on every subcommand, prints the POM's version and a commit from the build. */
class VersionTest {

    private static String pomVersion() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(RepoPaths.root().resolve("pom.xml").toFile());
        return pom.getDocumentElement().getElementsByTagName("version").item(0).getTextContent().strip();
    }

    @Test
    void everyCommandPrintsThePomVersionAndCommit() throws Exception {
        String version = pomVersion();
        Pattern line = Pattern.compile("movescope " + Pattern.quote(version) + " \\(commit ([0-9a-f]{12}|unknown)\\)");
        String top = CliRun.of(RepoPaths.root(), "--version").out().strip();
        Matcher m = line.matcher(top);
        assertTrue(m.matches(), top);
        if (Files.exists(RepoPaths.root().resolve(".git"))) {
            assertTrue(!m.group(1).equals("unknown"), "built inside a git checkout, the commit must be known: " + top);
        }
        for (String cmd : Main.commandLine(Console.system()).getSubcommands().keySet()) {
            CliRun r = CliRun.of(RepoPaths.root(), cmd, "--version");
            assertEquals(0, r.exit(), r::transcript);
            assertEquals(top, r.out().strip(), cmd + " --version");
        }
    }
}
