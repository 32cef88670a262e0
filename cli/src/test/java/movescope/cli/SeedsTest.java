package movescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Proves the derived seed is the documented function (64-bit FNV-1a of the file name, top bit cleared): it
 * ignores the directory, is non-negative, and matches the published test vectors of FNV-1a, so a changed
 * implementation (which would silently change every golden file) fails here first.
 * Reproduce: {@code mvn -o -q -pl cli test -Dtest=SeedsTest}.
 */
class SeedsTest {

    @Test
    void fnv1aMatchesTheReferenceVectors() {
        // Reference values of 64-bit FNV-1a (http://www.isthe.com/chongo/tech/comp/fnv/).
        assertEquals(0xcbf29ce484222325L, Seeds.fnv1a(""));
        assertEquals(0xaf63dc4c8601ec8cL, Seeds.fnv1a("a"));
        assertEquals(0x85944171f73967e8L, Seeds.fnv1a("foobar"));
    }

    @Test
    void derivedSeedDependsOnTheFileNameOnly() {
        long here = Seeds.fromFileName(Path.of("scenarios/stories/committed-move.json"));
        long elsewhere = Seeds.fromFileName(Path.of("/tmp/copy/committed-move.json"));
        assertEquals(here, elsewhere);
        assertEquals(Seeds.fnv1a("committed-move.json") & Long.MAX_VALUE, here);
        assertTrue(here >= 0);
        assertNotEquals(here, Seeds.fromFileName(Path.of("committed-move-2.json")));
    }
}
