package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import movescope.cli.io.ReportsLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves where reports go without --reports: the reports/ folder of the checkout holding the scenario
 * (found from the scenario, not from the working directory), else $MOVESCOPE_HOME/reports, else ./reports.
 * Reproduce: {@code mvn -o -q -pl cli test -Dtest=ReportsLocationTest}.
 */
class ReportsLocationTest {
    @TempDir
    Path dir;

    @Test
    void checkoutOfTheScenarioWins() throws Exception {
        Path checkout = dir.resolve("checkout");
        Files.createDirectories(checkout.resolve("scenarios/stories"));
        Files.createDirectories(checkout.resolve("reports"));
        Path scenario = checkout.resolve("scenarios/stories/x.json");
        assertEquals(checkout.resolve("reports"),
                ReportsLocation.defaultFor(scenario, Optional.of(dir.resolve("home").toString()), dir.resolve("elsewhere")));
    }

    @Test
    void homeThenWorkingDirectory() {
        Path loose = dir.resolve("loose/x.json");
        assertEquals(dir.resolve("home/reports"),
                ReportsLocation.defaultFor(loose, Optional.of(dir.resolve("home").toString()), dir.resolve("cwd")));
        assertEquals(dir.resolve("cwd/reports"), ReportsLocation.defaultFor(loose, Optional.empty(), dir.resolve("cwd")));
        assertEquals(dir.resolve("cwd/reports"), ReportsLocation.defaultFor(loose, Optional.of(" "), dir.resolve("cwd")));
    }

    @Test
    void runWritesIntoTheCheckoutsReportsFolder() throws Exception {
        Path checkout = dir.resolve("co");
        Files.createDirectories(checkout.resolve("reports"));
        Scenarios.writeWithGolden(checkout, "scenarios/ok.json", Scenarios.simple("ok", "\"+OK\"", ExitCodeTest.HOLD4));
        CliRun r = CliRun.of(dir, "run", "co/scenarios/ok.json");
        assertEquals(0, r.exit(), r::transcript);
        assertEquals(true, Files.isRegularFile(checkout.resolve("reports/ok.report.json")), r::transcript);
        assertEquals(true, Files.isRegularFile(checkout.resolve("reports/ok.trace.ndjson")), r::transcript);
    }
}
