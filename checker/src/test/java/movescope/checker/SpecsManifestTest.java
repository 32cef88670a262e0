package movescope.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import movescope.checker.manifest.Manifest;
import movescope.checker.manifest.ManifestException;
import movescope.checker.manifest.ManifestRun;
import movescope.checker.manifest.Manifests;
import movescope.checker.tlc.TlcRunner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs EVERY entry of every specs/&lt;Spec&gt;/manifest.json with TLC (fresh JVM, 1 worker), one dynamic test
 * per entry, and fails when the outcome or the violated invariant/property differs from the manifest —
 * an unexpected pass of a {@code _bug} config included — or when a passing run's distinct-state count (or
 * depth) differs from {@code measured}. An invalid manifest or a specs/ folder without any manifest fails
 * too. To reproduce one entry: {@code movescope check specs/<Spec>/<config>.cfg}, or run TLC by hand with the
 * command in the log named in the failure message.
 */
class SpecsManifestTest {
    @TestFactory
    Stream<DynamicTest> everyManifestEntryComesOutAsExpected() {
        Path root = RepoRoot.find(Path.of(System.getProperty("user.dir")))
                .orElseThrow(() -> new IllegalStateException("no folder with specs/ and pom.xml above "
                        + System.getProperty("user.dir")));
        Path specs = root.resolve("specs");
        List<Manifest> manifests;
        try {
            manifests = Manifests.discover(specs);
        } catch (ManifestException e) {
            return Stream.of(DynamicTest.dynamicTest("manifests are valid", () -> fail(e.getMessage())));
        }
        if (manifests.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("specs/ has manifests",
                    () -> fail("no specs/<Spec>/manifest.json under " + specs + ": nothing would be checked")));
        }
        TlcRunner runner = Fixtures.runner();
        List<DynamicTest> tests = new ArrayList<>();
        for (Manifest m : manifests) {
            for (ManifestRun r : m.runs()) {
                tests.add(DynamicTest.dynamicTest(m.spec() + "/" + r.name(), () -> {
                    CheckResult c = Check.runEntry(m, r, runner);
                    String report = String.join("\n", TextReport.format(c));
                    System.out.println(report);
                    assertTrue(c.reasons().isEmpty(), report);
                    assertEquals(Verdict.MATCH, c.verdict(), report);
                }));
            }
        }
        return tests.stream();
    }
}
