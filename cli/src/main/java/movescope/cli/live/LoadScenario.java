package movescope.cli.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import movescope.cli.Console;
import movescope.cli.io.ScenarioFiles;
import movescope.cli.run.ScenarioRunner;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioException;

/** Loads one scenario for a live command, printing the loader's file:line:column error on bad input. */
final class LoadScenario {
    private LoadScenario() {
    }

    static Optional<Scenario> load(Console console, Path typed) {
        Path file = console.resolve(typed);
        try {
            return Optional.of(ScenarioFiles.load(typed, file));
        } catch (IOException e) {
            console.err().println(typed + ":0:0: cannot read the scenario file: " + ScenarioRunner.describe(e));
        } catch (ScenarioException e) {
            console.err().println(e.getMessage());
        }
        return Optional.empty();
    }
}
