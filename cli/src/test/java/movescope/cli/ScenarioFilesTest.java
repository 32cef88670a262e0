package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import movescope.cli.io.ScenarioFiles;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the CLI loads a scenario file with its {@code "$schema"} editor hint as it is on disk (the
 * simulator's loader accepts the member; the CLI no longer rewrites the text), that errors are located
 * in the file as written and named by the path the user typed, and that a {@code $schema} that is not a
 * string is reported at its own position. Reproduce: {@code mvn -o -q -pl cli test -Dtest=ScenarioFilesTest}.
 */
class ScenarioFilesTest {
    private static final String BODY = """
              "name": "x",
              "description": "d",
              "variant": "kevy-5.4",
              "cluster": { "nodes": [ { "id": "a" } ] },
              "endMs": 10
            """;

    @Test
    void schemaMemberIsLoadedAsIs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.json");
        Files.writeString(file, "{\n  \"$schema\": \"../scenario.schema.json\",\n" + BODY + "}\n");
        Scenario s = ScenarioFiles.load(Path.of("typed/x.json"), file);
        assertEquals("x", s.name());
        assertEquals(10, s.endMs());
    }

    @Test
    void errorsBelowTheSchemaMemberKeepTheirLineAndColumn(@TempDir Path dir) throws Exception {
        String text = "{\n  \"$schema\": \"../scenario.schema.json\",\n" + BODY.replace("\"endMs\": 10", "\"endMs\": \"10\"") + "}\n";
        Path file = dir.resolve("x.json");
        Files.writeString(file, text);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioFiles.load(Path.of("x.json"), file));
        assertEquals(7, e.line(), e.getMessage());
        assertEquals(12, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("x.json:7:12: "), e.getMessage());
    }

    @Test
    void nonStringSchemaIsReportedWhereItIs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.json");
        Files.writeString(file, "{\n  \"$schema\": 3,\n" + BODY + "}\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioFiles.load(Path.of("x.json"), file));
        assertTrue(e.getMessage().startsWith("x.json:2:14: $.$schema: "), e.getMessage());
    }
}
