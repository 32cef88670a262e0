package movescope.checker;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import movescope.checker.tlc.TlcOptions;
import movescope.checker.tlc.TlcRunner;

/** Locates the test fixtures (copied to target/test-classes) and builds the runner the tests share. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A fixture folder under {@code src/test/resources/tlc-fixtures}. */
    public static Path dir(String name) {
        URL url = Fixtures.class.getResource("/tlc-fixtures/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test fixture tlc-fixtures/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** TLC logs go under target/, next to the test classes, so a failing test's output can be read. */
    public static Path logDir() {
        return dir("").getParent().getParent().resolve("tlc-logs");
    }

    /** One worker (deterministic counts), a generous limit (the machine is shared). */
    public static TlcOptions options() {
        return TlcOptions.defaults(logDir(), Duration.ofMinutes(5));
    }

    public static TlcRunner runner() {
        return new TlcRunner(options());
    }
}
