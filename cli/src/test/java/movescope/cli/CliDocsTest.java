package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/cli.md shows every command's options as its {@code --help} prints them (at 100 columns), between
 * {@code <!-- help:CMD -->} and {@code <!-- /help -->} markers, so the docs cannot drift from the code. After a
 * deliberate change regenerate them with
 * {@code mvn -o -q -pl cli -am test -Dtest=CliDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dmovescope.rewriteDocs=true}.
 */
class CliDocsTest {
    private static final Pattern BLOCK = Pattern.compile("<!-- help:([a-z-]*) -->\n```text\n(.*?)```\n<!-- /help -->",
            Pattern.DOTALL);

    private static String help(String command) {
        String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
        CliRun r = CliRun.of(RepoPaths.root(), Map.of("COLUMNS", "100"), args);
        assertEquals(0, r.exit(), r::transcript);
        return r.out();
    }

    @Test
    void everyCommandsHelpIsInTheDocsVerbatim() throws Exception {
        Path doc = RepoPaths.root().resolve("docs/cli.md");
        String text = Files.readString(doc);
        List<String> commands = new ArrayList<>();
        commands.add("");
        commands.addAll(Main.commandLine(Console.system()).getSubcommands().keySet());
        if (Boolean.getBoolean("movescope.rewriteDocs")) {
            Matcher m = BLOCK.matcher(text);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(b, Matcher.quoteReplacement("<!-- help:" + m.group(1) + " -->\n```text\n"
                        + help(m.group(1)) + "```\n<!-- /help -->"));
            }
            m.appendTail(b);
            Files.writeString(doc, b.toString());
            text = b.toString();
        }
        Matcher m = BLOCK.matcher(text);
        List<String> documented = new ArrayList<>();
        while (m.find()) {
            documented.add(m.group(1));
            assertEquals(help(m.group(1)), m.group(2), "docs/cli.md's block for '" + m.group(1)
                    + "' differs from its --help; regenerate (see this test's comment)");
        }
        assertEquals(new java.util.TreeSet<>(commands), new java.util.TreeSet<>(documented),
                "docs/cli.md has a help block for every command");
        assertEquals(commands.size(), documented.size(), "and only one each");
        assertTrue(text.contains("--junit") && text.contains("--json"));
    }
}
