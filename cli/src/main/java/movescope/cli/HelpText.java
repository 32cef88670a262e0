package movescope.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/**
 * Renders a command's description paragraphs wrapped at the help width on spaces only. picocli's own wrapping
 * uses Java's line BreakIterator, which breaks after a dot inside a word ("pom.\nxml", "docs/json.\nmd"); a
 * description line that starts with spaces and has a two-space gap ({@code "  TERM   text"}) wraps with a
 * hanging indent under its text, so definition lists stay lists at any width.
 */
final class HelpText {
    private static final Pattern TERM = Pattern.compile("^(\\s+\\S+(?: \\S+)*?\\s{2,})\\S");

    private HelpText() {
    }

    static void install(CommandLine cli) {
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpText::description);
        for (CommandLine sub : cli.getSubcommands().values()) {
            install(sub);
        }
    }

    static String description(Help help) {
        String[] paragraphs = help.commandSpec().usageMessage().description();
        if (paragraphs.length == 0) {
            return "";
        }
        int width = help.commandSpec().usageMessage().width();
        StringBuilder out = new StringBuilder();
        for (String p : paragraphs) {
            for (String line : wrap(String.format(p.replace("%n", "\n")), width)) {
                out.append(line).append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    static List<String> wrap(String paragraph, int width) {
        List<String> lines = new ArrayList<>();
        for (String raw : paragraph.split("\n", -1)) {
            if (raw.isBlank()) {
                lines.add("");
                continue;
            }
            Matcher m = TERM.matcher(raw);
            int lead = m.find() ? m.group(1).length() : raw.length() - raw.stripLeading().length();
            String indent = " ".repeat(lead);
            StringBuilder line = new StringBuilder(raw.substring(0, lead));
            boolean empty = true;
            for (String word : raw.substring(lead).split(" +")) {
                if (!empty && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line = new StringBuilder(indent);
                    empty = true;
                }
                if (!empty) {
                    line.append(' ');
                }
                line.append(word);
                empty = false;
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
