package movescope.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves {@link Commands#render} shows a command unambiguously on one line (redis-cli quoting): commands
 * that joining with spaces made identical render differently, plain arguments stay as they are, and CR/LF,
 * quotes and backslashes are escaped inside quotes. Reproduce with
 * {@code mvn -o -q -pl simulator test -Dtest=CommandsTest}.
 */
class CommandsTest {
    @Test
    void plainArgumentsAreJoinedWithSpaces() {
        assertEquals("MOVE-SCOPE app:billing: FROM a TO b",
                Commands.render(List.of("MOVE-SCOPE", "app:billing:", "FROM", "a", "TO", "b")));
        assertEquals("SET k v—é", Commands.render(List.of("SET", "k", "v—é")));
    }

    @Test
    void emptyArgumentsAndSpacesAreQuoted() {
        // Joined with spaces, both of these were "MOVE-SCOPE  FROM c TO b" / "SET k a b".
        assertEquals("MOVE-SCOPE \"\" FROM c TO b", Commands.render(List.of("MOVE-SCOPE", "", "FROM", "c", "TO", "b")));
        assertEquals("SET k \"a b\"", Commands.render(List.of("SET", "k", "a b")));
        assertNotEquals(Commands.render(List.of("SET", "k", "a b")), Commands.render(List.of("SET", "k", "a", "b")));
        assertNotEquals(Commands.render(List.of("SET", "k", "")), Commands.render(List.of("SET", "k")));
    }

    @Test
    void controlCharactersQuotesAndBackslashesAreEscapedInsideQuotes() {
        assertEquals("X \"*1\\r\\n$3\\r\\nSET\\r\\n\"", Commands.render(List.of("X", "*1\r\n$3\r\nSET\r\n")));
        assertEquals("SET k \"say \\\"hi\\\"\" \"a\\\\b\" \"it's\" \"\\x00\\t\"",
                Commands.render(List.of("SET", "k", "say \"hi\"", "a\\b", "it's", "\u0000\t")));
        assertEquals(1, Commands.render(List.of("SET", "k", "line\nbreak")).lines().count());
    }
}
