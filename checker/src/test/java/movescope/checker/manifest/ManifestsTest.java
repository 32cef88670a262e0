package movescope.checker.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import movescope.checker.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves manifest reading is strict and precise: a valid manifest reads with every field; a typo'd field,
 * an unknown {@code expect}, a violation without its invariant, duplicate run names or keys, and reserved
 * TLC options are rejected with the file and line:column; discovery is sorted and skips folders without a
 * manifest. Pure (no TLC). Reproduce with the JSON shown in each test.
 */
class ManifestsTest {
    @TempDir
    Path tmp;

    private Path write(String json) throws IOException {
        Path d = Files.createDirectories(tmp.resolve("S"));
        return Files.writeString(d.resolve("manifest.json"), json);
    }

    private String error(String json) throws IOException {
        Path f = write(json);
        return assertThrows(ManifestException.class, () -> Manifests.read(f)).getMessage();
    }

    @Test
    void validManifestReadsEveryField() throws Exception {
        Manifest m = Manifests.read(Fixtures.dir("Counter").resolve("manifest.json"));
        assertEquals("Counter", m.spec());
        assertEquals(5, m.runs().size());
        ManifestRun pass = m.runs().get(0);
        assertEquals(Expectation.PASS, pass.expect());
        assertEquals(4L, pass.measured().distinctStates());
        assertEquals(4, pass.measured().depth());
        assertEquals("Small", m.runs().get(1).expectedName());
        assertEquals(Expectation.PROPERTY, m.runs().get(3).expect());
        assertEquals(Fixtures.dir("Counter").toAbsolutePath(), m.dir());
    }

    @Test
    void mistakesAreRejectedWithTheirLocation() throws Exception {
        String typo = error("{ \"spec\": \"S\", \"runs\": [\n { \"name\": \"a\", \"module\": \"M.tla\", \"config\": \"M.cfg\","
                + " \"expect\": \"violation\", \"invarient\": \"X\" } ] }");
        assertTrue(typo.contains("line 2") && typo.contains("unknown field \"invarient\""), typo);
        String badExpect = error("{ \"spec\": \"S\", \"runs\": [ { \"name\": \"a\", \"module\": \"M.tla\", \"config\": \"M.cfg\","
                + " \"expect\": \"fail\" } ] }");
        assertTrue(badExpect.contains("expect must be one of \"pass\", \"violation\", \"deadlock\", \"property\""),
                badExpect);
        String noInv = error("{ \"spec\": \"S\", \"runs\": [ { \"name\": \"a\", \"module\": \"M.tla\", \"config\": \"M.cfg\","
                + " \"expect\": \"violation\" } ] }");
        assertTrue(noInv.contains("run \"a\": expect \"violation\" needs \"invariant\""), noInv);
        String dupName = error("{ \"spec\": \"S\", \"runs\": [ { \"name\": \"a\", \"module\": \"M.tla\", \"config\": \"M.cfg\","
                + " \"expect\": \"pass\" }, { \"name\": \"a\", \"module\": \"M.tla\", \"config\": \"M.cfg\", \"expect\": \"pass\" } ] }");
        assertTrue(dupName.contains("duplicate run name \"a\""), dupName);
        String dupKey = error("{ \"spec\": \"S\", \"spec\": \"T\", \"runs\": [] }");
        assertTrue(dupKey.contains("Duplicate field 'spec'"), dupKey);
        String reserved = error("{ \"spec\": \"S\", \"runs\": [ { \"name\": \"a\", \"module\": \"M.tla\", \"config\": \"M.cfg\","
                + " \"expect\": \"pass\", \"tlcArgs\": [\"-workers\", \"2\"] } ] }");
        assertTrue(reserved.contains("tlcArgs may not contain -workers"), reserved);
        String empty = error("{ \"spec\": \"S\", \"runs\": [] }");
        assertTrue(empty.contains("\"runs\" is missing or empty"), empty);
        assertTrue(typo.startsWith(tmp.resolve("S/manifest.json").toString()), typo);
    }

    @Test
    void discoverIsSortedAndSkipsFoldersWithoutManifest() throws Exception {
        for (String name : List.of("B", "A", "C")) {
            Path d = Files.createDirectories(tmp.resolve("specs").resolve(name));
            if (!name.equals("C")) {
                Files.writeString(d.resolve("manifest.json"), "{ \"spec\": \"" + name + "\", \"runs\": [ { \"name\": \"r\","
                        + " \"module\": \"M.tla\", \"config\": \"M.cfg\", \"expect\": \"pass\" } ] }");
            }
        }
        assertEquals(List.of("A", "B"), Manifests.discover(tmp.resolve("specs")).stream().map(Manifest::spec).toList());
    }
}
