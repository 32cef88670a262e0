package movescope.cli.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import movescope.cli.io.AtomicFiles;

/**
 * JUnit XML (the Ant/Surefire {@code <testsuite>} format that Jenkins, GitLab and GitHub test reporters read):
 * one test case per scenario file, swarm run or TLC config, named by file, so CI shows
 * {@code scenarios/stories/x.json} instead of a bare count. The one writer for {@code run}, {@code swarm} and
 * {@code check}.
 */
public final class JunitXml {

    /**
     * One test case. {@code failure} is the one-line reason when it failed; {@code output} goes into
     * {@code <system-out>} (the headline, the reproduce line).
     */
    public record Case(String name, String className, double seconds, Optional<String> failure, String details,
            String output) {
    }

    private JunitXml() {
    }

    public static String render(String suite, List<Case> cases) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", suite);
            x.writeAttribute("tests", Integer.toString(cases.size()));
            x.writeAttribute("failures", Long.toString(cases.stream().filter(c -> c.failure().isPresent()).count()));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", "0");
            x.writeAttribute("time", seconds(cases.stream().mapToDouble(Case::seconds).sum()));
            x.writeCharacters("\n");
            for (Case c : cases) {
                x.writeCharacters("  ");
                x.writeStartElement("testcase");
                x.writeAttribute("name", c.name());
                x.writeAttribute("classname", c.className());
                x.writeAttribute("time", seconds(c.seconds()));
                if (c.failure().isPresent()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("failure");
                    x.writeAttribute("message", clean(c.failure().get()));
                    x.writeCharacters(clean(c.details()));
                    x.writeEndElement();
                }
                if (!c.output().isEmpty()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("system-out");
                    x.writeCharacters(clean(c.output()));
                    x.writeEndElement();
                }
                if (c.failure().isPresent() || !c.output().isEmpty()) {
                    x.writeCharacters("\n  ");
                }
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string failed", e);
        }
        return text.toString();
    }

    /** Writes the file atomically (a CI job never reads half a report). */
    public static void write(Path file, String suite, List<Case> cases) {
        try {
            AtomicFiles.write(file, render(suite, cases));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** XML 1.0 cannot carry most control characters, even escaped; trace text could hold them. */
    private static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(cp == '\n' || cp == '\t' || cp == '\r' || cp >= 0x20 ? cp : '?'));
        return b.toString();
    }
}
