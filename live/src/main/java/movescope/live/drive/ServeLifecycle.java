package movescope.live.drive;

import java.io.IOException;
import java.util.List;
import movescope.live.resp.RespConnection;
import movescope.live.resp.RespValue;
import movescope.live.resp.WireText;
import movescope.model.protocol.NodeConfig;

/** The built-in adapter for {@code movescope serve}: its control port's CRASH/RESTART/SNAPSHOT/PUSHCONFIG/EINTR. */
public final class ServeLifecycle implements Lifecycle {
    private final String controlAddr;

    public ServeLifecycle(String controlAddr) {
        this.controlAddr = controlAddr;
    }

    private void call(String... args) throws IOException {
        try (RespConnection c = RespConnection.open(controlAddr, 5000, 35_000)) {
            RespValue v = c.call(List.of(args));
            if (!(v instanceof RespValue.Simple)) {
                throw new IOException("serve control " + String.join(" ", args[0]) + ": " + WireText.render(v));
            }
        }
    }

    /** {@code GO}: a serve started with a held clock starts it (a running clock is left alone). */
    @Override
    public void runStarts() throws IOException {
        call("GO");
    }

    /**
     * {@code PARTITION}: serve cuts what goes between its nodes — the election ports' datagrams (heartbeats,
     * kevy-elect messages) and ship connects — so a partition that names a client is not served.
     */
    @Override
    public void partition(List<String> from, List<String> to, boolean oneWay) throws IOException {
        if (oneWay) {
            call("PARTITION", String.join(",", from), String.join(",", to), "ONEWAY");
        } else {
            call("PARTITION", String.join(",", from), String.join(",", to));
        }
    }

    @Override
    public void heal() throws IOException {
        call("HEAL");
    }

    @Override
    public void crash(String node) throws IOException {
        call("CRASH", node);
    }

    @Override
    public void restart(String node) throws IOException {
        call("RESTART", node);
    }

    @Override
    public void snapshot(String node) throws IOException {
        call("SNAPSHOT", node);
    }

    @Override
    public void pushConfig(String node, NodeConfig c, boolean restart) throws IOException {
        String id = c.nodeId().orElse("");
        if (restart) {
            call("PUSHCONFIG", node, id, c.peersString(), c.scopesString(), String.valueOf(c.shards()), "RESTART");
        } else {
            call("PUSHCONFIG", node, id, c.peersString(), c.scopesString(), String.valueOf(c.shards()));
        }
    }

    @Override
    public void eintr(String node, int count) throws IOException {
        call("EINTR", node, String.valueOf(count));
    }
}
