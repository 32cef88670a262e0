package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import movescope.cli.golden.TextDiff;
import org.junit.jupiter.api.Test;

/**
 * Proves the golden-file diff is empty exactly for equal texts (line endings aside) and shows each changed
 * line with its side and line number. Reproduce: {@code mvn -o -q -pl cli test -Dtest=TextDiffTest}.
 */
class TextDiffTest {

    @Test
    void equalTextsHaveNoDiffWhateverTheLineEndings() {
        assertEquals("", TextDiff.diff("a\nb\n", "a\r\nb", "golden", "run"));
    }

    @Test
    void changedLineIsAUnifiedDiffHunkWithRanges() {
        String diff = TextDiff.diff("one\ntwo\nthree\nfour\n", "one\ntwo\nTHREE\nfour\n", "x.golden.txt", "this run");
        assertEquals("""
                --- x.golden.txt
                +++ this run
                @@ -1,4 +1,4 @@
                 one
                 two
                -three
                +THREE
                 four
                """, diff);
    }

    @Test
    void addedAndRemovedLinesAtTheEnds() {
        String diff = TextDiff.diff("a\nb\n", "b\nc\n", "g", "r");
        assertTrue(diff.contains("-a\n"), diff);
        assertTrue(diff.contains("+c\n"), diff);
        assertTrue(diff.contains(" b\n"), diff);
    }

    @Test
    void farApartChangesMakeTwoHunks() {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            a.append("line ").append(i).append('\n');
            b.append(i == 3 || i == 17 ? "changed " + i : "line " + i).append('\n');
        }
        String diff = TextDiff.diff(a.toString(), b.toString(), "g", "r");
        assertEquals(2, diff.lines().filter(l -> l.startsWith("@@")).count(), diff);
        assertTrue(diff.contains("@@ -1,6 +1,6 @@"), diff);
        assertTrue(diff.contains("@@ -14,7 +14,7 @@"), diff);
    }
}
