package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import movescope.cli.report.Claims;
import movescope.sim.scenario.Expectations;
import org.junit.jupiter.api.Test;

/** The claims table says exactly what docs/vocabulary.md defines, and knows every invariant the simulator checks. */
class ClaimsTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| (.+) \\|$");
    private static final Pattern LIVENESS = Pattern.compile("^Liveness: `(\\w+)` \u2014 (.+)\\.$");

    @Test
    void claimsAreTheVocabularysDefinitionsWordForWord() throws Exception {
        String doc = Files.readString(RepoPaths.root().resolve("docs/vocabulary.md"));
        Map<String, String> documented = new LinkedHashMap<>();
        boolean inInvariants = false;
        for (String line : doc.lines().toList()) {
            if (line.startsWith("## ")) {
                inInvariants = line.startsWith("## Invariants");
            }
            Matcher row = ROW.matcher(line);
            if (inInvariants && row.matches()) {
                documented.put(row.group(1), row.group(2));
            }
            Matcher live = LIVENESS.matcher(line);
            if (live.matches()) {
                documented.put(live.group(1), live.group(2));
            }
        }
        assertEquals(documented, Claims.all());
    }

    @Test
    void everyCheckedInvariantHasAClaim() {
        for (String name : Expectations.SELECTABLE) {
            assertEquals(true, Claims.of(name).isPresent(), name);
        }
        assertEquals(true, Claims.of(Expectations.MIGRATION_ENDS).isPresent());
    }
}
