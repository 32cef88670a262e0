package movescope.live.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import movescope.live.adapter.NodeInput;

/**
 * A node's durable memory across serve processes: the append-only journal of every input it was fed,
 * one JSON object per line. The model is deterministic, so replaying the journal into a fresh node
 * rebuilds exactly the durable state (config file, append-only log, snapshot image) the node had, and the
 * boot that follows ({@code Restart}) then does what kevy's boot does with its data dir. This is used
 * instead of serializing the model's {@code DurableState} because that class has no public constructor.
 * Lines are flushed at once (no fsync: a machine crash may lose the tail, a process kill does not).
 */
public final class Journal implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OutputStream out;

    private Journal(OutputStream out) {
        this.out = out;
    }

    public static Journal open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return new Journal(new FileOutputStream(file.toFile(), true));
    }

    /** A journal that keeps nothing (serve without --data-dir). */
    public static Journal none() {
        return new Journal(OutputStream.nullOutputStream());
    }

    public synchronized void append(NodeInput in) throws IOException {
        out.write(JSON.writeValueAsBytes(encode(in)));
        out.write('\n');
        out.flush();
    }

    public static List<NodeInput> read(Path file) throws IOException {
        List<NodeInput> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(decode(JSON.readTree(line)));
                } catch (IOException | RuntimeException e) {
                    // A torn last line (the process died mid-write) is dropped; anything else is corruption.
                    if (r.readLine() == null) {
                        break;
                    }
                    throw new IOException(file + ":" + n + ": unreadable journal line: " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /** The latest time in a journal, so the next process continues after it. */
    public static long lastTime(List<NodeInput> entries) {
        long t = 0;
        for (NodeInput in : entries) {
            t = Math.max(t, time(in));
        }
        return t;
    }

    private static long time(NodeInput in) {
        if (in instanceof NodeInput.Command c) {
            return c.nowMs();
        } else if (in instanceof NodeInput.ConnectResult c) {
            return c.nowMs();
        } else if (in instanceof NodeInput.SendComplete c) {
            return c.nowMs();
        } else if (in instanceof NodeInput.PeerReply c) {
            return c.nowMs();
        } else if (in instanceof NodeInput.PeerError c) {
            return c.nowMs();
        } else if (in instanceof NodeInput.Timer c) {
            return c.nowMs();
        } else if (in instanceof NodeInput.Heartbeat c) {
            return c.nowMs();
        } else if (in instanceof NodeInput.ElectDeliver c) {
            return c.nowMs();
        } else if (in instanceof NodeInput.Restart c) {
            return c.nowMs();
        } else if (in instanceof NodeInput.Snapshot c) {
            return c.nowMs();
        }
        return 0;
    }

    private static ObjectNode encode(NodeInput in) {
        ObjectNode o = JSON.createObjectNode();
        if (in instanceof NodeInput.Command c) {
            o.put("k", "command").put("t", c.nowMs()).put("conn", c.conn()).put("req", c.reqId());
            ArrayNode a = o.putArray("args");
            c.args().forEach(a::add);
        } else if (in instanceof NodeInput.ConnectResult c) {
            o.put("k", "connect").put("t", c.nowMs()).put("move", c.moveId()).put("ok", c.ok());
            if (c.error() != null) {
                o.put("error", c.error());
            }
        } else if (in instanceof NodeInput.SendComplete c) {
            o.put("k", "sent").put("t", c.nowMs()).put("move", c.moveId());
        } else if (in instanceof NodeInput.PeerReply c) {
            o.put("k", "peerReply").put("t", c.nowMs()).put("move", c.moveId()).put("line", c.line());
        } else if (in instanceof NodeInput.PeerError c) {
            o.put("k", "peerError").put("t", c.nowMs()).put("move", c.moveId()).put("reason", c.reason());
        } else if (in instanceof NodeInput.Timer c) {
            o.put("k", "timer").put("t", c.nowMs()).put("timer", c.timerId());
        } else if (in instanceof NodeInput.Heartbeat c) {
            o.put("k", "heartbeat").put("t", c.nowMs()).put("peer", c.peerId());
        } else if (in instanceof NodeInput.ElectDeliver c) {
            // The message as its datagram (docs/live.md "Election plane"), base64.
            o.put("k", "elect").put("t", c.nowMs())
                    .put("msg", Base64.getEncoder().encodeToString(ElectDatagram.encode(c.message())));
        } else if (in instanceof NodeInput.Crash) {
            o.put("k", "crash");
        } else if (in instanceof NodeInput.Restart c) {
            o.put("k", "restart").put("t", c.nowMs());
        } else if (in instanceof NodeInput.PushConfig c) {
            o.put("k", "pushConfig").put("nodeId", c.nodeId()).put("peers", c.peers()).put("scopes", c.scopes())
                    .put("shards", c.shards());
        } else if (in instanceof NodeInput.Snapshot c) {
            o.put("k", "snapshot").put("t", c.nowMs());
        }
        return o;
    }

    private static NodeInput decode(JsonNode o) throws IOException {
        String k = o.path("k").asText();
        long t = o.path("t").asLong();
        return switch (k) {
            case "command" -> {
                List<String> args = new ArrayList<>();
                o.path("args").forEach(a -> args.add(a.asText()));
                yield new NodeInput.Command(t, o.path("conn").asText(), o.path("req").asLong(), args);
            }
            case "connect" -> new NodeInput.ConnectResult(t, o.path("move").asText(), o.path("ok").asBoolean(),
                    o.hasNonNull("error") ? o.get("error").asText() : null);
            case "sent" -> new NodeInput.SendComplete(t, o.path("move").asText());
            case "peerReply" -> new NodeInput.PeerReply(t, o.path("move").asText(), o.path("line").asText());
            case "peerError" -> new NodeInput.PeerError(t, o.path("move").asText(), o.path("reason").asText());
            case "timer" -> new NodeInput.Timer(t, o.path("timer").asText());
            case "heartbeat" -> new NodeInput.Heartbeat(t, o.path("peer").asText());
            case "elect" -> {
                byte[] d = Base64.getDecoder().decode(o.path("msg").asText());
                try {
                    if (ElectDatagram.decode(d, 0, d.length) instanceof ElectDatagram.Elect e) {
                        yield new NodeInput.ElectDeliver(t, e.message());
                    }
                    throw new IOException("an elect entry that holds no election message");
                } catch (ElectDatagram.Malformed m) {
                    throw new IOException("elect entry: " + m.getMessage());
                }
            }
            case "crash" -> new NodeInput.Crash();
            case "restart" -> new NodeInput.Restart(t);
            case "pushConfig" -> new NodeInput.PushConfig(o.path("nodeId").asText(), o.path("peers").asText(),
                    o.path("scopes").asText(), o.path("shards").asInt(1));
            case "snapshot" -> new NodeInput.Snapshot(t);
            default -> throw new IOException("unknown journal entry kind \"" + k + "\"");
        };
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
