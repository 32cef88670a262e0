package movescope.cli.io;

import java.io.IOException;
import java.nio.file.Path;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioException;
import movescope.sim.scenario.ScenarioLoader;

/**
 * Reads a scenario file the way every command does: the file's text, named in error messages as the user
 * typed its path (not as the CLI resolved it), so {@code file:line:column} messages can be pasted back.
 * Scenario files start with {@code "$schema": "../scenario.schema.json"} for editors; the loader itself
 * accepts that member, so the text is handed over exactly as it is on disk.
 */
public final class ScenarioFiles {
    private ScenarioFiles() {
    }

    /**
     * @param typed the path as the user typed it: it names the file in error messages
     * @param file  where the file is
     * @throws IOException       when the file cannot be read
     * @throws ScenarioException when it is not a valid scenario (message: {@code file:line:column: ...})
     */
    public static Scenario load(Path typed, Path file) throws IOException, ScenarioException {
        // The loader reads the bytes itself: with a size cap, refusing devices and FIFOs, and decoding strict
        // UTF-8 with the first bad byte's line and column (Files.readString would only say
        // "MalformedInputException").
        return ScenarioLoader.load(file, typed.toString());
    }
}
