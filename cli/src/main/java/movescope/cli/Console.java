package movescope.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a command touches outside its arguments: where it prints, the environment and the working
 * directory. {@link Main#main} passes the real ones; tests pass buffers and a temporary directory, so the
 * whole CLI runs in-process without {@code System.exit} or global state.
 */
public record Console(PrintWriter out, PrintWriter err, Map<String, String> env, Path workingDir) {

    public static Console system() {
        return new Console(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                System.getenv(), Path.of("").toAbsolutePath());
    }

    public Optional<String> movescopeHome() {
        return Optional.ofNullable(env.get("MOVESCOPE_HOME"));
    }

    /** Resolves a path argument against the working directory (the JVM's own cwd is never consulted). */
    public Path resolve(Path path) {
        return path.isAbsolute() ? path : workingDir.resolve(path);
    }
}
