package movescope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version and git commit the jar was built from, read from {@code movescope/build-info.properties},
 * which the build writes (cli/pom.xml, antrun) — never a hard-coded string, so {@code --version} and the
 * POM cannot drift apart. Used as the version provider of every command.
 */
public record BuildInfo(String version, String commit) {
    static final String RESOURCE = "/movescope/build-info.properties";

    public static BuildInfo load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new BuildInfo("unknown", "unknown");
            }
            Properties p = new Properties();
            p.load(in);
            return new BuildInfo(p.getProperty("version", "unknown"), p.getProperty("commit", "unknown"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** {@code movescope 0.1.0-SNAPSHOT (commit 0123456789ab)}. */
    public String line() {
        return "movescope " + version + " (commit " + commit + ")";
    }

    /** picocli's version provider (it needs a no-argument constructor, which a record does not have). */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {load().line()};
        }
    }
}
