package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code completion} prints a bash completion script that knows every command and their options. */
class CompletionTest {
    @Test
    void theScriptCompletesEveryCommandAndOption() {
        CliRun r = CliRun.of(RepoPaths.root(), "completion");
        assertEquals(0, r.exit(), r::transcript);
        assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r::transcript);
        assertTrue(r.out().contains("complete -F _complete_movescope"), "registers for the command name movescope");
        for (String cmd : Main.commandLine(Console.system()).getSubcommands().keySet()) {
            assertTrue(r.out().contains(cmd), cmd);
        }
        assertTrue(r.out().contains("--html") && r.out().contains("--junit") && r.out().contains("--shrink-budget"));
    }
}
