package movescope.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a printed command line names movescope so that it runs when pasted into the same shell: the checkout's
 * launcher ({@code ./movescope} from the checkout, a relative or absolute path to it from elsewhere) when the
 * CLI was started by it ({@code MOVESCOPE_HOME} is set and holds the launcher), else plain {@code movescope}
 * (an installed command on PATH, or a test running in-process).
 */
public final class Launcher {
    private Launcher() {
    }

    public static String command(Console console) {
        return console.movescopeHome().map(Path::of)
                .map(home -> home.resolve("movescope"))
                .filter(Files::isRegularFile)
                .map(launcher -> shown(launcher, console.workingDir()))
                .orElse("movescope");
    }

    private static String shown(Path launcher, Path workingDir) {
        Path abs = launcher.toAbsolutePath().normalize();
        Path cwd = workingDir.toAbsolutePath().normalize();
        Path rel = cwd.relativize(abs);
        if (rel.getNameCount() == 1) {
            return "./" + rel;
        }
        // From a folder below the checkout a relative path is shorter and still pastes; from outside, absolute.
        return abs.startsWith(cwd) || (cwd.startsWith(abs.getParent()) && rel.toString().startsWith(".."))
                ? rel.toString() : abs.toString();
    }
}
