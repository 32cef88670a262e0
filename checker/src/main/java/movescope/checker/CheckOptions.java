package movescope.checker;

import java.nio.file.Path;
import java.util.Objects;
import movescope.checker.tlc.TlcOptions;

/**
 * Options of one {@code check} invocation.
 *
 * @param tlc        how to run TLC
 * @param workingDir where relative targets are resolved and where the repo root search starts
 */
public record CheckOptions(TlcOptions tlc, Path workingDir) {
    public CheckOptions {
        Objects.requireNonNull(tlc, "tlc");
        Objects.requireNonNull(workingDir, "workingDir");
    }
}
