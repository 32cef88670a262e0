package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import movescope.cli.io.ScenarioFiles;
import movescope.sim.scenario.ScenarioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the {@code "$schema"} editor hint is removed before loading without moving anything else: the
 * text keeps its length and line breaks, errors further down keep their line and column, and only the
 * top-level member is touched. Reproduce: {@code mvn -o -q -pl cli test -Dtest=ScenarioFilesTest}.
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
    void firstMemberIsBlankedKeepingPositions() {
        String text = "{\n  \"$schema\": \"../scenario.schema.json\",\n" + BODY + "}\n";
        String out = ScenarioFiles.withoutSchemaMember(text);
        assertEquals(text.length(), out.length());
        assertEquals(text.lines().count(), out.lines().count());
        assertEquals("", out.lines().skip(1).findFirst().orElseThrow().strip());
        assertTrue(out.contains("\"name\": \"x\""));
    }

    @Test
    void lastMemberTakesThePrecedingComma() {
        String text = "{\n" + BODY.stripTrailing() + ",\n  \"$schema\": \"s.json\"\n}";
        String out = ScenarioFiles.withoutSchemaMember(text);
        assertTrue(out.contains("\"endMs\": 10 "), out);
        assertTrue(!out.contains("$schema") && !out.contains(","+ "\n  \"$"), out);
    }

    @Test
    void nestedOrNonStringSchemaIsLeftForTheLoader() {
        String nested = "{ \"cluster\": { \"$schema\": \"x\" } }";
        assertEquals(nested, ScenarioFiles.withoutSchemaMember(nested));
        String number = "{ \"$schema\": 3, \"name\": \"x\" }";
        assertEquals(number, ScenarioFiles.withoutSchemaMember(number));
        String broken = "{ \"name\": , \"$schema\": \"x\" }";
        assertEquals(broken, ScenarioFiles.withoutSchemaMember(broken));
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
}
