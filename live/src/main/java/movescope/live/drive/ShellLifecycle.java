package movescope.live.drive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import movescope.live.kevy.KevyToml;
import movescope.model.protocol.NodeConfig;
import movescope.sim.scenario.NodeSpec;

/**
 * A lifecycle adapter made of one shell command template (run with {@code /bin/sh -c}), e.g.
 * {@code scripts/kevy-adapter.sh {action} {node} {port} {config}}. Placeholders: {@code {action}} (crash,
 * restart, snapshot, push-config, eintr), {@code {node}}, {@code {host}}, {@code {port}}, {@code {addr}},
 * {@code {config}} (push-config: a kevy TOML file written for the new config; else the node's config file
 * path {@code <dataRoot>/<node>.toml}), {@code {count}} (eintr). Exit 0 = done; exit 64 = this adapter
 * cannot do that action (the step is skipped with a note); anything else is an adapter error. Each command
 * has 60 s.
 */
public final class ShellLifecycle implements Lifecycle {
    public static final int EXIT_UNSUPPORTED = 64;
    private final String template;
    private final LiveCluster cluster;
    private final Path dataRoot;

    public ShellLifecycle(String template, LiveCluster cluster, Path dataRoot) {
        this.template = template;
        this.cluster = cluster;
        this.dataRoot = dataRoot;
    }

    private void run(String action, String node, Path config, int count) throws IOException {
        NodeSpec n = cluster.liveSpec().node(node).orElseThrow();
        String cmd = template.replace("{action}", action).replace("{node}", node).replace("{host}", n.host())
                .replace("{port}", String.valueOf(n.clientPort())).replace("{addr}", n.clientAddr())
                .replace("{config}", config.toString()).replace("{count}", String.valueOf(count));
        ProcessBuilder pb = new ProcessBuilder(List.of("/bin/sh", "-c", cmd)).redirectErrorStream(true);
        Process p = pb.start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("adapter command timed out after 60 s: " + cmd);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.exitValue() == EXIT_UNSUPPORTED) {
            throw new Unsupported("adapter cannot " + action + (out.isEmpty() ? "" : ": " + out));
        }
        if (p.exitValue() != 0) {
            throw new IOException("adapter command exited " + p.exitValue() + ": " + cmd + (out.isEmpty() ? "" : ": " + out));
        }
    }

    private Path configPath(String node) {
        return dataRoot.resolve(node + ".toml");
    }

    @Override
    public void crash(String node) throws IOException {
        run("crash", node, configPath(node), 0);
    }

    @Override
    public void restart(String node) throws IOException {
        run("restart", node, configPath(node), 0);
    }

    @Override
    public void snapshot(String node) throws IOException {
        run("snapshot", node, configPath(node), 0);
    }

    @Override
    public void pushConfig(String node, NodeConfig config, boolean restart) throws IOException {
        NodeSpec n = cluster.liveSpec().node(node).orElseThrow();
        Files.createDirectories(dataRoot);
        Path tmp = Files.createTempFile(dataRoot, node + "-push-", ".toml");
        Files.writeString(tmp, KevyToml.render(config, n.host(), n.clientPort(), n.electPort(),
                dataRoot.resolve(node), n.acceptShards()), StandardCharsets.UTF_8);
        run("push-config", node, tmp, 0);
        if (restart) {
            run("restart", node, configPath(node), 0);
        }
    }

    @Override
    public void eintr(String node, int count) throws IOException {
        run("eintr", node, configPath(node), count);
    }
}
