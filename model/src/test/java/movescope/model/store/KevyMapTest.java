package movescope.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link KevyMap} iterates in kevy-map's slot order. The resource {@code kevymap-sequences.txt} holds three
 * insert/remove sequences (keys hex-encoded, some with bytes 0x80/0xFF) and, at checkpoints, the iteration
 * order printed by kevy-map 5.4.0 itself (built from kevy's source at 311feac0 with a throwaway driver that
 * calls {@code KevyMap::<Vec<u8>, u32>::insert}/{@code remove}/{@code iter}). They cover growth from 0 to
 * 1024 slots, tombstone reuse and grows that drop tombstones.
 * Reproduce: {@code mvn -B -o -pl model test -Dtest=KevyMapTest}.
 */
class KevyMapTest {

    @Test
    void slotOrderFollowsTheHashesOfTheFactsTable() {
        // kevy-source-facts.md §2 hashes, mask 15: a → ..92 → 2, abcd → ..b6 → 6, abc → ..e7 → 7,
        // "" → ..bc → 12, hello-world → ..4d → 13. kevy-map prints the same order.
        KevyMap<Integer> m = new KevyMap<>();
        for (String k : List.of("a", "abc", "abcd", "hello-world", "")) {
            assertNull(m.insert(k, 1));
        }
        assertEquals(List.of("a", "abcd", "abc", "", "hello-world"), m.keys());
        assertEquals(16, m.capacity());
        assertEquals(2, m.slotOf("a"));
        assertEquals(13, m.slotOf("hello-world"));
    }

    @Test
    void growsAtSevenEighthsAndReusesTombstones() {
        KevyMap<Integer> m = new KevyMap<>();
        for (int i = 0; i < 14; i++) {
            m.insert("k" + i, i);
        }
        assertEquals(16, m.capacity());
        m.insert("k14", 14); // occupied + deleted = 14 >= 16 - 2: grow first
        assertEquals(32, m.capacity());
        assertEquals(15, m.size());
        int slot = m.slotOf("k3");
        assertEquals(3, m.remove("k3"));
        assertEquals(1, m.tombstones());
        assertNull(m.get("k3"));
        // Re-inserting k3 probes from the same home window: the tombstone it left is the lowest DELETED
        // slot of the first window with one, so k3 goes back exactly there.
        m.insert("k3", 33);
        assertEquals(slot, m.slotOf("k3"));
        assertEquals(0, m.tombstones());
        // replace() is an in-place overwrite: same slot, no grow check.
        m.replace("k3", 34);
        assertEquals(34, m.get("k3"));
        assertEquals(slot, m.slotOf("k3"));
    }

    /** kevy-map's own map_tests.rs (byte-string keys): new_is_empty, insert_duplicate, remove, tombstone reuse, clear. */
    @Test
    void kevyMapsOwnTests() {
        KevyMap<Integer> m = new KevyMap<>();
        assertEquals(0, m.size());
        assertEquals(0, m.capacity());
        assertNull(m.get("5"));
        assertNull(m.insert("1", 10));
        assertEquals(10, m.insert("1", 20));
        assertEquals(1, m.size());
        assertEquals(20, m.get("1"));
        m.insert("2", 20);
        assertEquals(20, m.remove("1"));
        assertNull(m.remove("1"));
        assertEquals(20, m.get("2"));
        assertEquals(20, m.remove("2"));
        assertEquals(0, m.size());
        m.insert("1", 30);
        assertEquals(30, m.get("1"));
        for (int i = 0; i < 10_000; i++) {
            m.insert("key:" + i, i);
        }
        assertEquals(10_001, m.size());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, m.get("key:" + i));
        }
        int cap = m.capacity();
        m.clear();
        assertEquals(0, m.size());
        assertEquals(cap, m.capacity(), "clear keeps the table (map.rs:237-259)");
        assertEquals(0, m.tombstones());
    }

    @Test
    void withCapacityMatchesKevy() {
        assertEquals(0, KevyMap.withCapacity(0).capacity());
        assertEquals(16, KevyMap.withCapacity(1).capacity());
        assertEquals(16, KevyMap.withCapacity(14).capacity()); // ceil(14*8/7) = 16
        assertEquals(32, KevyMap.withCapacity(15).capacity()); // ceil(120/7) = 18 → 32
    }

    @Test
    void iterationOrderEqualsKevyMapOnRecordedSequences() throws IOException {
        InputStream in = KevyMapTest.class.getResourceAsStream("kevymap-sequences.txt");
        assertNotNull(in, "resource kevymap-sequences.txt");
        int checkpoints = 0;
        KevyMap<Integer> m = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.startsWith("#")) {
                    m = new KevyMap<>();
                    continue;
                }
                String op = line.substring(0, 1);
                String arg = line.length() > 2 ? line.substring(2) : "";
                switch (op) {
                    case "i" -> m.insert(unhex(arg), lineNo);
                    case "r" -> m.remove(unhex(arg));
                    case "o" -> {
                        List<String> expected = new ArrayList<>();
                        if (!arg.isEmpty()) {
                            for (String h : arg.split(" ")) {
                                expected.add(h.equals("-") ? "" : unhex(h));
                            }
                        }
                        int at = lineNo;
                        assertEquals(expected, m.keys(), () -> "order at line " + at);
                        checkpoints++;
                    }
                    default -> throw new AssertionError("bad line " + lineNo);
                }
            }
        }
        assertEquals(12, checkpoints);
    }

    /** Hex → the model's one-char-per-byte string. */
    static String unhex(String h) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 1 < h.length(); i += 2) {
            b.append((char) Integer.parseInt(h.substring(i, i + 2), 16));
        }
        return b.toString();
    }
}
