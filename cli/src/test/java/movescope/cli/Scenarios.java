package movescope.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: small scenario files written into a temporary folder laid out like a checkout. */
final class Scenarios {
    private Scenarios() {
    }

    /** A two-node cluster where a client writes one key to its owner; {@code extra} goes before endMs. */
    static String simple(String name, String stepExpect, String extra) {
        return """
                {
                  "name": "%s",
                  "description": "test scenario",
                  "variant": "kevy-5.4",
                  "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": "app:billing:=a" },
                  "clients": [ { "id": "c1", "primary": "b" } ],
                  "steps": [
                    { "at": 100, "do": "client", "client": "c1", "command": "SET app:billing:k1 v1", "expect": %s },
                    { "at": 200, "do": "operator", "node": "a", "command": "MOVE-SCOPE app:billing: FROM a TO b" }
                  ],
                  %s
                  "endMs": 2000
                }
                """.formatted(name, stepExpect, extra);
    }

    /**
     * Writes a scenario and records its golden file ({@code run --rewrite}, reports in a throwaway folder):
     * a run without its golden file fails, so a test that wants a passing run needs one.
     */
    static Path writeWithGolden(Path dir, String relative, String text) {
        Path file = write(dir, relative, text);
        try {
            Path reports = Files.createTempDirectory("movescope-golden-reports");
            CliRun r = CliRun.of(dir, "run", "--rewrite", "--reports", reports.toString(), relative);
            if (r.exit() != 0 && r.exit() != 1) {
                throw new IllegalStateException("recording the golden failed:\n" + r.transcript());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path write(Path dir, String relative, String text) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
