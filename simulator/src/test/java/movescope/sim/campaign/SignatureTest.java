package movescope.sim.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import movescope.sim.Options;
import movescope.sim.Simulation;
import movescope.sim.report.RunResult;
import movescope.sim.scenario.Expectations;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * Proves that signatures tell causes apart and stay put: the two redirect-loop stories of the corpus (a
 * cycle after a commit without gossip, a redirect to a writer that names no node) get different kinds;
 * a signature does not depend on the node names (a story with its nodes renamed has the same one); the
 * journal form parses back. Reproduce: {@code mvn -o -q -pl simulator test -Dtest=SignatureTest}.
 */
class SignatureTest {
    private static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("scenarios/stories"))) {
            p = p.getParent();
        }
        return p;
    }

    /** The story, without its expected violation, run with the trace kept. */
    private static RunResult failing(String text) throws Exception {
        Scenario s = ScenarioLoader.loadString(text, "story");
        Expectations e = s.expect();
        Scenario bare = s.withExpect(new Expectations(e.hold(), Optional.empty(), e.baits(), e.migrationsEndBy(),
                e.history(), e.values()));
        RunResult r = Simulation.run(bare, 1, Options.DEFAULT.withKeepTrace(true));
        assertTrue(!r.passed(), r.summary());
        return r;
    }

    private static String story(String name) throws Exception {
        return Files.readString(repo().resolve("scenarios/stories/" + name + ".json"));
    }

    @Test
    void redirectLoopsAreToldApartByCause() throws Exception {
        Signature cycle = Signature.of(failing(story("redirect-loop-after-commit")));
        Signature unknown = Signature.of(failing(story("redirect-to-unknown-writer")));
        assertEquals("RedirectsConverge", cycle.invariant());
        assertTrue(cycle.tokens().contains("loop:cycle"), cycle.id());
        assertTrue(unknown.tokens().contains("loop:unknown-address"), unknown.id());
        assertNotEquals(cycle, unknown);
    }

    @Test
    void signatureIsNormalisedOverNodeNames() throws Exception {
        String text = story("misdirected-write-replayed");
        RunResult a = failing(text);
        // Rename every node id (quoted ids in the cluster, and the ids inside commands and scopes).
        String renamed = text.replace("\"a\"", "\"alpha\"").replace("\"b\"", "\"beta\"")
                .replace("FROM a TO b", "FROM alpha TO beta").replace("=a", "=alpha").replace("=b", "=beta");
        RunResult b = failing(renamed);
        assertEquals(Signature.of(a), Signature.of(b), a.summary() + "\n" + b.summary());
        Signature s = Signature.of(a);
        assertEquals(Optional.of(s), Signature.parseId(s.id()));
        assertEquals(List.copyOf(s.tokens()), Signature.parseId(s.id()).orElseThrow().tokens());
    }
}
