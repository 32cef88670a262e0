package movescope.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * KEYS's glob is kevy's ({@code crates/kevy-store/src/util.rs:128-221}). The first test is kevy's own
 * {@code glob_matching} test ({@code crates/kevy-store/src/tests.rs:305-324}) and its backtracking test
 * ({@code :331-340}); the second replays 6,500 pattern/key pairs (bytes 0xFF, classes, escapes,
 * unterminated classes) whose answers were printed by kevy's {@code glob_match} itself, built from the
 * source at 311feac0. Reproduce: {@code mvn -B -o -pl model test -Dtest=GlobTest}.
 */
class GlobTest {

    @Test
    void kevysOwnGlobTests() {
        assertTrue(Glob.matches("*", "anything"));
        assertTrue(Glob.matches("h?llo", "hello"));
        assertTrue(Glob.matches("h*o", "hippo"));
        assertFalse(Glob.matches("h*o", "hippy"));
        assertTrue(Glob.matches("user:*", "user:1000"));
        assertTrue(Glob.matches("key:[0-9]", "key:5"));
        assertFalse(Glob.matches("key:[0-9]", "key:a"));
        assertTrue(Glob.matches("key:[^0-9]", "key:a"));
        assertTrue(Glob.matches("a\\*b", "a*b"));
        assertFalse(Glob.matches("a\\*b", "axb"));
        assertTrue(Glob.matches("*a*b*", "xxaxxbxx"));
        assertFalse(Glob.matches("*a*b*c", "xxaxxbxx"));
        assertTrue(Glob.matches("a*b*c", "abc"));
        assertTrue(Glob.matches("a**b", "axxb"));
        assertTrue(Glob.matches("*", ""));
        assertFalse(Glob.matches("a*", ""));
        assertTrue(Glob.matches("*[0-9]*end", "x5xend"));
        assertFalse(Glob.matches("*a".repeat(25) + "!", "a".repeat(64)));
        // byte-wise and case-sensitive; reversed ranges; an unterminated class eats the rest
        assertFalse(Glob.matches("KEY", "key"));
        assertTrue(Glob.matches("[z-a]", "m"));
        assertTrue(Glob.matches("\u00ff*", "\u00ff\u0080"));
        assertTrue(Glob.matches("[ab", "a"));
    }

    @Test
    void agreesWithKevysGlobOnRecordedVectors() {
        List<String[]> vectors = OracleVectors.lines("glob-vectors.txt");
        assertEquals(6500, vectors.size());
        int matches = 0;
        for (String[] v : vectors) {
            String p = OracleVectors.unhex(v[0]);
            String s = OracleVectors.unhex(v[1]);
            boolean want = v[2].equals("1");
            assertEquals(want, Glob.matches(p, s), () -> "pattern " + v[0] + " key " + v[1]);
            if (want) {
                matches++;
            }
        }
        assertTrue(matches > 1000, "the vectors exercise matches, not only mismatches");
    }
}
