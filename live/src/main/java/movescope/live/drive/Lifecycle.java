package movescope.live.drive;

import java.io.IOException;
import movescope.model.protocol.NodeConfig;

/**
 * How {@code movescope live} performs a scenario's lifecycle steps on a real cluster (docs/live.md
 * "Adapters"): the built-in one for {@code movescope serve} ({@link ServeLifecycle}, its control port), a
 * shell command template per action ({@link ShellLifecycle}, e.g. scripts/kevy-adapter.sh), or none.
 * A method that cannot do its action throws {@link Unsupported}: the step is skipped with a note.
 */
public interface Lifecycle {
    void crash(String node) throws IOException;

    void restart(String node) throws IOException;

    void snapshot(String node) throws IOException;

    /** Replace the node's config file with {@code config} (real addresses); restart it if asked. */
    void pushConfig(String node, NodeConfig config, boolean restart) throws IOException;

    /** The next {@code count} INGEST-reply waits of {@code node} fail with EINTR. */
    void eintr(String node, int count) throws IOException;

    /**
     * The run's time 0 begins (after the {@code data} preload, before the first step): a cluster whose clock
     * waits for it ({@code movescope serve} with a held clock) starts it now. Default: nothing to do.
     */
    default void runStarts() throws IOException {
    }

    /**
     * Cut the links from every endpoint of {@code from} to every endpoint of {@code to} (both ways unless
     * {@code oneWay}). Default: not available (the step is skipped with a note).
     */
    default void partition(java.util.List<String> from, java.util.List<String> to, boolean oneWay) throws IOException {
        throw new Unsupported("network fault 'partition' needs more than the lifecycle adapter: skipped");
    }

    /** Remove every partition. Default: not available. */
    default void heal() throws IOException {
        throw new Unsupported("network fault 'heal' needs more than the lifecycle adapter: skipped");
    }

    /** The action is not available through this adapter. */
    final class Unsupported extends IOException {
        public Unsupported(String what) {
            super(what);
        }
    }

    /** No adapter: every lifecycle step is skipped with a note. */
    Lifecycle NONE = new Lifecycle() {
        @Override
        public void crash(String node) throws IOException {
            throw new Unsupported("no lifecycle adapter (give --adapter)");
        }

        @Override
        public void restart(String node) throws IOException {
            throw new Unsupported("no lifecycle adapter (give --adapter)");
        }

        @Override
        public void snapshot(String node) throws IOException {
            throw new Unsupported("no lifecycle adapter (give --adapter)");
        }

        @Override
        public void pushConfig(String node, NodeConfig config, boolean restart) throws IOException {
            throw new Unsupported("no lifecycle adapter (give --adapter)");
        }

        @Override
        public void eintr(String node, int count) throws IOException {
            throw new Unsupported("no lifecycle adapter (give --adapter)");
        }
    };
}
