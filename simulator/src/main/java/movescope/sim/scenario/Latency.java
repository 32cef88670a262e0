package movescope.sim.scenario;

/** A one-way latency distribution, in whole milliseconds. */
public sealed interface Latency {
    /** Always {@code ms}. */
    record Constant(long ms) implements Latency {
        public Constant {
            if (ms < 0) {
                throw new IllegalArgumentException("latency ms must be >= 0");
            }
        }
    }

    /** Uniform in {@code [minMs, maxMs]}, both inclusive. */
    record Uniform(long minMs, long maxMs) implements Latency {
        public Uniform {
            if (minMs < 0 || maxMs < minMs) {
                throw new IllegalArgumentException("uniform latency needs 0 <= minMs <= maxMs");
            }
        }
    }

    /** {@code minMs} plus an exponential of mean {@code meanMs}, rounded down. */
    record Exponential(double meanMs, long minMs) implements Latency {
        public Exponential {
            if (!(meanMs > 0) || minMs < 0) {
                throw new IllegalArgumentException("exponential latency needs meanMs > 0 and minMs >= 0");
            }
        }
    }
}
