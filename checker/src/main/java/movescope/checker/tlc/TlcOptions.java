package movescope.checker.tlc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to run TLC.
 *
 * @param workers  TLC's {@code -workers}; 1 makes distinct-state counts reproducible run to run
 * @param timeout  wall-clock limit per run; the forked JVM is killed when it is exceeded
 * @param logDir   where each run's complete output is kept (created if absent)
 * @param jvmArgs  options for the forked JVM (heap size, ...)
 */
public record TlcOptions(int workers, Duration timeout, Path logDir, List<String> jvmArgs) {
    /** ParallelGC silences TLC's "throughput optimized garbage collector" warning (2401). */
    public static final List<String> DEFAULT_JVM_ARGS = List.of("-XX:+UseParallelGC");

    public TlcOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        Objects.requireNonNull(logDir, "logDir");
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** One worker, the given limit, default JVM options. */
    public static TlcOptions defaults(Path logDir, Duration timeout) {
        return new TlcOptions(1, timeout, logDir, DEFAULT_JVM_ARGS);
    }
}
