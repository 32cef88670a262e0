package movescope.checker.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proves the {@code -tool} output parser on text copied from real TLC 2.18 runs: nested blocks (a config
 * error 5001 inside 1000, starting mid-line), plain lines between blocks, multi-line state values, the
 * one-variable state form, and the verdict/statistics mapping. Pure: no TLC is started. A failure names the
 * code or text that was misread; compare with a real log under checker/target/tlc-logs/.
 */
class ToolOutputTest {
    @Test
    void nestedBlockStartingMidLineIsSplitOut() {
        ToolOutput out = ToolOutput.parse(List.of(
                "@!@!@STARTMSG 1000:1 @!@!@",
                "TLC threw an unexpected exception.",
                "The exception was a tlc2.tool.ConfigFileException",
                ": @!@!@STARTMSG 5001:0 @!@!@",
                "TLC encountered the following error when trying to read the configuration file Missing.cfg:",
                "File not found.",
                "@!@!@ENDMSG 5001 @!@!@",
                "@!@!@ENDMSG 1000 @!@!@",
                "@!@!@STARTMSG 2186:0 @!@!@",
                "Finished in 154ms at (2026-11-27 07:56:38)",
                "@!@!@ENDMSG 2186 @!@!@"));
        assertEquals(List.of(1000, 5001, 2186), out.messages().stream().map(ToolMessage::code).toList());
        assertEquals("TLC threw an unexpected exception.\nThe exception was a tlc2.tool.ConfigFileException\n:",
                out.messages().get(0).body());
        assertTrue(out.messages().get(1).body().endsWith("File not found."));
        TlcResult r = TlcOutputInterpreter.interpret(out, 255, false, 0.2, "log", List.of());
        assertEquals(Outcome.ERROR, r.outcome());
        assertEquals(ErrorKind.BAD_INPUT, r.errorKind());
        assertTrue(r.message().contains("File not found."), r.message());
    }

    @Test
    void plainLinesKeepTheirPositionBetweenBlocks() {
        ToolOutput out = ToolOutput.parse(List.of(
                "@!@!@STARTMSG 2220:0 @!@!@", "Starting SANY...", "@!@!@ENDMSG 2220 @!@!@",
                "***Parse Error***", "Encountered \"1\" at line 5, column 20",
                "@!@!@STARTMSG 2219:0 @!@!@", "SANY finished.", "@!@!@ENDMSG 2219 @!@!@",
                "@!@!@STARTMSG 3002:1 @!@!@", "@!@!@ENDMSG 3002 @!@!@"));
        assertEquals(List.of("***Parse Error***", "Encountered \"1\" at line 5, column 20"), out.plainBetween(0, 1));
        TlcResult r = TlcOutputInterpreter.interpret(out, 150, false, 0.2, "log", List.of());
        assertEquals(ErrorKind.BAD_INPUT, r.errorKind());
        assertTrue(r.message().startsWith("***Parse Error***\nEncountered \"1\" at line 5, column 20"), r.message());
    }

    @Test
    void violationTraceAndStatisticsAreRead() {
        ToolOutput out = ToolOutput.parse(List.of(
                "@!@!@STARTMSG 2190:0 @!@!@",
                "Finished computing initial states: 1 distinct state generated at 2026-11-27 07:56:16.",
                "@!@!@ENDMSG 2190 @!@!@",
                "@!@!@STARTMSG 2110:1 @!@!@", "Invariant NotBothMaps is violated.", "@!@!@ENDMSG 2110 @!@!@",
                "@!@!@STARTMSG 2121:1 @!@!@", "The behavior up to this point is:", "@!@!@ENDMSG 2121 @!@!@",
                "@!@!@STARTMSG 2217:4 @!@!@", "1: <Initial predicate>", "/\\ m = << >>", "/\\ x = 0", "",
                "@!@!@ENDMSG 2217 @!@!@",
                "@!@!@STARTMSG 2217:4 @!@!@", "2: <Add line 6, col 11 to line 6, col 129 of module Tiny>",
                "/\\ m = ( \"app:\" :> [from |-> \"a\", to |-> \"b\"] @@",
                "  \"\" :> [from |-> \"a\", to |-> \"b\"] )", "/\\ x = 3", "",
                "@!@!@ENDMSG 2217 @!@!@",
                "@!@!@STARTMSG 2199:0 @!@!@",
                "1,044 states generated, 29 distinct states found, 2 states left on queue.",
                "@!@!@ENDMSG 2199 @!@!@",
                "@!@!@STARTMSG 2194:0 @!@!@", "The depth of the complete state graph search is 6.",
                "@!@!@ENDMSG 2194 @!@!@"));
        TlcResult r = TlcOutputInterpreter.interpret(out, 12, false, 1.0, "log", List.of());
        assertEquals(Outcome.VIOLATION, r.outcome());
        assertEquals("NotBothMaps", r.violated());
        assertNull(r.errorKind());
        assertEquals(1044, r.statesGenerated());
        assertEquals(29, r.distinctStates());
        assertEquals(6, r.depth());
        TraceStep s2 = r.counterexample().get(1);
        assertEquals("Add", s2.action());
        assertEquals("line 6, col 11 to line 6, col 129 of module Tiny", s2.location());
        assertEquals(Map.of("m", "( \"app:\" :> [from |-> \"a\", to |-> \"b\"] @@ \"\" :> [from |-> \"a\", to |-> \"b\"] )",
                "x", "3"), s2.variables());
    }

    @Test
    void oneVariableStatesAndLassoLoopsAreRead() {
        TraceStep s = TlcOutputInterpreter.parseState("3: <Next line 5, col 9 to line 5, col 24 of module Loop>\nx = 2");
        assertEquals(Map.of("x", "2"), s.variables());
        ToolOutput out = ToolOutput.parse(List.of(
                "@!@!@STARTMSG 2116:1 @!@!@", "Temporal properties were violated.", "", "@!@!@ENDMSG 2116 @!@!@",
                "@!@!@STARTMSG 2217:4 @!@!@", "1: <Initial predicate>", "x = 0", "", "@!@!@ENDMSG 2217 @!@!@",
                "@!@!@STARTMSG 2122:4 @!@!@",
                "1: Back to state: <Next line 5, col 9 to line 5, col 24 of module Loop>", "",
                "@!@!@ENDMSG 2122 @!@!@"));
        TlcResult r = TlcOutputInterpreter.interpret(out, 13, false, 1.0, "log", List.of("A", "B"));
        assertEquals(Outcome.PROPERTY_VIOLATION, r.outcome());
        assertNull(r.violated(), "two PROPERTY entries: TLC 2.18 does not say which one failed");
        assertEquals(new TraceStep(1, "Next", "line 5, col 9 to line 5, col 24 of module Loop", Map.of(),
                StepKind.BACK_TO_STATE), r.counterexample().get(1));
    }

    @Test
    void noVerdictIsATlcFailureNotAPass() {
        ToolOutput out = ToolOutput.parse(List.of("@!@!@STARTMSG 2185:0 @!@!@", "Starting...", "@!@!@ENDMSG 2185 @!@!@"));
        TlcResult r = TlcOutputInterpreter.interpret(out, 1, false, 1.0, "log", List.of());
        assertEquals(ErrorKind.TLC_FAILURE, r.errorKind());
        TlcResult killed = TlcOutputInterpreter.interpret(out, -1, true, 1.0, "log", List.of());
        assertEquals(ErrorKind.TIMEOUT, killed.errorKind());
    }

    @Test
    void cfgFileNamesAndSymmetryStripping() {
        String cfg = "\\* comment PROPERTY Fake\nCONSTANTS a = a\nSPECIFICATION Spec\nPROPERTIES\n  P1\n  P2\n"
                + "INVARIANT Inv (* PROPERTY Hidden *)\nSYMMETRY Perms\nVIEW V\n";
        assertEquals(List.of("P1", "P2"), CfgFile.properties(cfg));
        assertEquals(List.of("Inv"), CfgFile.invariants(cfg));
        String stripped = CfgFile.withoutSymmetryAndView(cfg);
        assertTrue(!stripped.contains("SYMMETRY") && !stripped.contains("VIEW") && stripped.contains("INVARIANT Inv"),
                stripped);
    }
}
