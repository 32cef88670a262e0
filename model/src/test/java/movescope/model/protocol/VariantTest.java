package movescope.model.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import movescope.model.migration.TableLayout;
import org.junit.jupiter.api.Test;

/**
 * Proves the variant switches match the table of docs/vocabulary.md for both presets, that names and
 * single-switch edits round-trip, and that bad switch names or values are rejected with a clear message.
 * Reproduce: {@code mvn -B -o -pl model test -Dtest=VariantTest}.
 */
class VariantTest {

    @Test
    void presetsMatchTheVocabularyTable() {
        SortedMap<String, String> kevy = new TreeMap<>();
        kevy.put("tableLayout", "seed");
        kevy.put("shipWriteTimeoutMs", "none");
        kevy.put("sliceShards", "prefix-shard");
        kevy.put("ingestShard", "prefix-shard");
        kevy.put("migratedDurable", "false");
        kevy.put("neverHeardIsDown", "true");
        kevy.put("logMisdirected", "true");
        kevy.put("ingestLogged", "false");
        kevy.put("migratingDurable", "false");
        kevy.put("ownershipOnIngest", "false");
        kevy.put("retryAmbiguousShip", "false");
        kevy.put("shipReleasesShard", "false");
        kevy.put("ownershipEpoch", "false");
        kevy.put("moveRequiresOwnership", "false");
        kevy.put("sliceHandover", "false");
        assertEquals(kevy, Variant.KEVY_54.switches());
        SortedMap<String, String> fixed = new TreeMap<>();
        fixed.put("tableLayout", "atomic");
        fixed.put("shipWriteTimeoutMs", "60000");
        fixed.put("sliceShards", "all-shards");
        fixed.put("ingestShard", "key-shard");
        fixed.put("migratedDurable", "true");
        fixed.put("neverHeardIsDown", "false");
        fixed.put("logMisdirected", "false");
        fixed.put("ingestLogged", "true");
        fixed.put("migratingDurable", "true");
        fixed.put("ownershipOnIngest", "true");
        fixed.put("retryAmbiguousShip", "true");
        fixed.put("shipReleasesShard", "true");
        fixed.put("ownershipEpoch", "true");
        fixed.put("moveRequiresOwnership", "true");
        fixed.put("sliceHandover", "true");
        assertEquals(fixed, Variant.FIXED.switches());
    }

    @Test
    void namesRoundTrip() {
        assertEquals(Variant.KEVY_54, Variant.named("kevy-5.4"));
        assertEquals(Variant.FIXED, Variant.named("FIXED"));
        assertEquals("kevy-5.4", Variant.KEVY_54.name());
        assertEquals("fixed", Variant.FIXED.name());
        assertEquals("custom", Variant.KEVY_54.withIngestLogged(true).name());
        assertThrows(IllegalArgumentException.class, () -> Variant.named("kevy-5.5"));
        assertEquals(true, Variant.KEVY_54.withSwitch("sliceHandover", "true").sliceHandover());
        assertThrows(IllegalArgumentException.class, () -> Variant.FIXED.withSwitch("sliceHandover", "yes"));
    }

    @Test
    void flippingEverySwitchOfKevyGivesFixed() {
        Variant v = Variant.KEVY_54;
        for (var e : Variant.FIXED.switches().entrySet()) {
            v = v.withSwitch(e.getKey(), e.getValue());
        }
        assertEquals(Variant.FIXED, v);
        assertEquals(TableLayout.SEED, Variant.FIXED.withSwitch("tableLayout", "seed").tableLayout());
        assertEquals(OptionalLong.empty(), Variant.FIXED.withSwitch("shipWriteTimeoutMs", "none").shipWriteTimeoutMs());
        assertEquals(15, Variant.SWITCHES.size());
        assertEquals(new TreeMap<>(Variant.KEVY_54.switches()).keySet(), new java.util.TreeSet<>(Variant.SWITCHES));
    }

    @Test
    void badSwitchesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Variant.KEVY_54.withSwitch("nope", "x"));
        assertThrows(IllegalArgumentException.class, () -> Variant.KEVY_54.withSwitch("migratedDurable", "yes"));
        assertThrows(IllegalArgumentException.class, () -> Variant.KEVY_54.withSwitch("sliceShards", "some"));
        assertThrows(IllegalArgumentException.class, () -> Variant.KEVY_54.withSwitch("shipWriteTimeoutMs", "-5"));
        assertThrows(IllegalArgumentException.class, () -> Variant.KEVY_54.withSwitch("shipWriteTimeoutMs", "soon"));
    }
}
