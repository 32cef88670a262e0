package movescope.cli.run;

import java.nio.file.Path;
import java.util.OptionalLong;
import movescope.cli.Seeds;
import movescope.sim.scenario.Scenario;

/** The seed a run uses and why: {@code --seed}, else the scenario's {@code seed}, else derived from its file name. */
public record SeedChoice(long seed, Seeds.Origin origin) {

    public static SeedChoice of(OptionalLong option, Scenario scenario, Path file) {
        if (option.isPresent()) {
            return new SeedChoice(option.getAsLong(), Seeds.Origin.OPTION);
        }
        return scenarioDefault(scenario, file);
    }

    /** The seed the scenario's golden file is recorded with. */
    public static SeedChoice scenarioDefault(Scenario scenario, Path file) {
        if (scenario.seed().isPresent()) {
            return new SeedChoice(scenario.seed().getAsLong(), Seeds.Origin.SCENARIO);
        }
        return new SeedChoice(Seeds.fromFileName(file), Seeds.Origin.FILE_NAME);
    }
}
