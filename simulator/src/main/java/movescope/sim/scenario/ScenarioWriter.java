package movescope.sim.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import movescope.model.protocol.Variant;
import movescope.model.scope.Scope;

/**
 * Writes a {@link Scenario} in the format {@link ScenarioLoader} reads (docs/scenario-format.md): the
 * shrinker's output, ready to commit. Defaults are left out where the loader would restore them, so the
 * file stays short; {@code ScenarioLoader.loadString(toJson(s))} gives back an equal scenario.
 */
public final class ScenarioWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ScenarioWriter() {}

    public static String toJson(Scenario s) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
            pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            pp.indentObjectsWith(new DefaultIndenter("  ", "\n"));
            g.setPrettyPrinter(pp);
            write(g, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().replace("\r\n", "\n") + "\n";
    }

    private static void write(JsonGenerator g, Scenario s) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", s.name());
        g.writeStringField("description", s.description());
        if (s.seed().isPresent()) {
            g.writeNumberField("seed", s.seed().getAsLong());
        }
        writeVariant(g, s.variant());
        writeCluster(g, s.cluster());
        NetworkSpec n = s.network();
        if (!n.equals(NetworkSpec.DEFAULT)) {
            g.writeObjectFieldStart("network");
            writeLatency(g, n.latency());
            if (n.loss() != 0) {
                g.writeNumberField("loss", n.loss());
            }
            if (n.duplicate() != 0) {
                g.writeNumberField("duplicate", n.duplicate());
            }
            g.writeEndObject();
        }
        if (s.faults().eintr() != 0 || s.faults().eintrPerMove() != 0) {
            g.writeObjectFieldStart("faults");
            if (s.faults().eintr() != 0) {
                g.writeNumberField("eintr", s.faults().eintr());
            }
            if (s.faults().eintrPerMove() != 0) {
                g.writeNumberField("eintrPerMove", s.faults().eintrPerMove());
            }
            g.writeEndObject();
        }
        if (!s.clients().isEmpty()) {
            g.writeArrayFieldStart("clients");
            for (ClientSpec c : s.clients()) {
                g.writeStartObject();
                g.writeStringField("id", c.id());
                g.writeStringField("primary", c.primary());
                if (c.timeoutMs() != ClientSpec.DEFAULT_TIMEOUT_MS) {
                    g.writeNumberField("timeoutMs", c.timeoutMs());
                }
                if (c.raw().isPresent()) {
                    RawLoop r = c.raw().get();
                    g.writeObjectFieldStart("raw");
                    writeCommand(g, r.command());
                    if (r.fromMs() != 0) {
                        g.writeNumberField("fromMs", r.fromMs());
                    }
                    g.writeNumberField("untilMs", r.untilMs());
                    if (r.thinkMs() != 0) {
                        g.writeNumberField("thinkMs", r.thinkMs());
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (!s.data().isEmpty()) {
            g.writeArrayFieldStart("data");
            for (DataSpec d : s.data()) {
                g.writeStartObject();
                g.writeStringField("node", d.node());
                g.writeStringField("prefix", d.prefix());
                g.writeNumberField("keys", d.keys());
                if (!d.keyPattern().equals(DataSpec.DEFAULT_KEY_PATTERN)) {
                    g.writeStringField("keyPattern", d.keyPattern());
                }
                if (!d.valuePattern().equals(DataSpec.DEFAULT_VALUE_PATTERN)) {
                    g.writeStringField("valuePattern", d.valuePattern());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (!s.steps().isEmpty()) {
            g.writeArrayFieldStart("steps");
            for (Step st : s.steps()) {
                writeStep(g, st);
            }
            g.writeEndArray();
        }
        if (s.workload().isPresent()) {
            writeWorkload(g, s.workload().get());
        }
        if (s.chaos().isPresent()) {
            writeChaos(g, s.chaos().get());
        }
        g.writeNumberField("endMs", s.endMs());
        if (s.maxEvents() != Scenario.DEFAULT_MAX_EVENTS) {
            g.writeNumberField("maxEvents", s.maxEvents());
        }
        writeExpect(g, s.expect(), s.variant());
        g.writeEndObject();
    }

    private static void writeVariant(JsonGenerator g, Variant v) throws IOException {
        if (v.equals(Variant.KEVY_54) || v.equals(Variant.FIXED)) {
            g.writeStringField("variant", v.name());
            return;
        }
        g.writeObjectFieldStart("variant");
        g.writeStringField("base", "kevy-5.4");
        Map<String, String> base = Variant.KEVY_54.switches();
        for (Map.Entry<String, String> e : v.switches().entrySet()) {
            if (!e.getValue().equals(base.get(e.getKey()))) {
                g.writeStringField(e.getKey(), e.getValue());
            }
        }
        g.writeEndObject();
    }

    private static void writeScopes(JsonGenerator g, String field, List<Scope> scopes) throws IOException {
        g.writeArrayFieldStart(field);
        for (Scope sc : scopes) {
            g.writeStartObject();
            g.writeStringField("prefix", sc.prefix());
            g.writeStringField("writer", sc.writer());
            if (sc.fallback().isPresent()) {
                g.writeStringField("fallback", sc.fallback().get());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeCluster(JsonGenerator g, ClusterSpec c) throws IOException {
        g.writeObjectFieldStart("cluster");
        if (c.generate().isPresent()) {
            GenerateSpec gen = c.generate().get();
            g.writeObjectFieldStart("generate");
            g.writeNumberField("nodes", gen.nodes());
            g.writeNumberField("scopesPerNode", gen.scopesPerNode());
            g.writeBooleanField("fallback", gen.fallback());
            g.writeEndObject();
        } else {
            g.writeArrayFieldStart("nodes");
            for (int i = 0; i < c.nodes().size(); i++) {
                NodeSpec n = c.nodes().get(i);
                g.writeStartObject();
                g.writeStringField("id", n.id());
                if (!n.host().equals(NodeSpec.defaultHost(i))) {
                    g.writeStringField("host", n.host());
                }
                if (n.clientPort() != NodeSpec.DEFAULT_CLIENT_PORT) {
                    g.writeNumberField("clientPort", n.clientPort());
                }
                if (n.electPort() != NodeSpec.DEFAULT_ELECT_PORT) {
                    g.writeNumberField("electPort", n.electPort());
                }
                if (n.legacyPeerToken()) {
                    g.writeStringField("peerToken", "legacy");
                }
                if (n.acceptShards().isPresent()) {
                    g.writeNumberField("acceptShards", n.acceptShards().getAsInt());
                }
                if (!n.nodeId()) {
                    g.writeBooleanField("nodeId", false);
                }
                if (n.peers().isPresent()) {
                    g.writeArrayFieldStart("peers");
                    for (String p : n.peers().get()) {
                        g.writeString(p);
                    }
                    g.writeEndArray();
                }
                if (n.scopes().isPresent()) {
                    writeScopes(g, "scopes", n.scopes().get());
                }
                if (n.shards().isPresent()) {
                    g.writeNumberField("shards", n.shards().getAsInt());
                }
                writeElection(g, n.election());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (!c.scopes().isEmpty()) {
                writeScopes(g, "scopes", c.scopes());
            }
        }
        if (c.shards() != 1) {
            g.writeNumberField("shards", c.shards());
        }
        if (c.clusterEnabled()) {
            g.writeBooleanField("clusterEnabled", true);
        }
        if (!c.warm()) {
            g.writeBooleanField("warm", false);
        }
        HeartbeatPolicy def = c.generate().isPresent() ? HeartbeatPolicy.FALLBACKS : HeartbeatPolicy.ALL;
        if (c.heartbeats() != def) {
            g.writeStringField("heartbeats", c.heartbeats().wireName());
        }
        if (c.serializeFrameCostUs() != ClusterSpec.DEFAULT_SERIALIZE_FRAME_COST_US) {
            g.writeNumberField("serializeFrameCostUs", c.serializeFrameCostUs());
        }
        if (c.ingestFrameCostUs() != ClusterSpec.DEFAULT_INGEST_FRAME_COST_US) {
            g.writeNumberField("ingestFrameCostUs", c.ingestFrameCostUs());
        }
        if (c.sendBufferBytes() != ClusterSpec.DEFAULT_SEND_BUFFER_BYTES) {
            g.writeNumberField("sendBufferBytes", c.sendBufferBytes());
        }
        if (c.commitWindowMs() != 0) {
            g.writeNumberField("commitWindowMs", c.commitWindowMs());
        }
        writeElection(g, c.election());
        if (!c.connShards().isEmpty()) {
            g.writeObjectFieldStart("connShards");
            for (var e : c.connShards().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (!c.scriptedPeers().isEmpty()) {
            g.writeArrayFieldStart("scriptedPeers");
            for (ScriptedPeerSpec sp : c.scriptedPeers()) {
                g.writeStartObject();
                g.writeStringField("id", sp.id());
                g.writeStringField("host", sp.host());
                g.writeNumberField("port", sp.port());
                if (!sp.accept()) {
                    g.writeBooleanField("accept", false);
                }
                if (sp.replyAfterMs() != 0) {
                    g.writeNumberField("replyAfterMs", sp.replyAfterMs());
                }
                if (sp.reply().isPresent()) {
                    g.writeStringField("reply", sp.reply().get());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** The election-plane fields that the file gave (absent ones stay absent). */
    private static void writeElection(JsonGenerator g, ElectionSpec e) throws IOException {
        if (e.electionListener().isPresent()) {
            g.writeBooleanField("electionListener", e.electionListener().get());
        }
        if (e.electPortBase().isPresent()) {
            g.writeNumberField("electPortBase", e.electPortBase().getAsInt());
        }
        if (e.replicationRole().isPresent()) {
            g.writeStringField("replicationRole", e.replicationRole().get().wireName());
        }
        if (e.replicaReadOnly().isPresent()) {
            g.writeBooleanField("replicaReadOnly", e.replicaReadOnly().get());
        }
        if (e.upstream().isPresent()) {
            g.writeStringField("upstream", e.upstream().get());
        }
    }

    private static void writeLatency(JsonGenerator g, Latency l) throws IOException {
        g.writeObjectFieldStart("latency");
        if (l instanceof Latency.Constant c) {
            g.writeStringField("dist", "constant");
            g.writeNumberField("ms", c.ms());
        } else if (l instanceof Latency.Uniform u) {
            g.writeStringField("dist", "uniform");
            g.writeNumberField("minMs", u.minMs());
            g.writeNumberField("maxMs", u.maxMs());
        } else if (l instanceof Latency.Exponential e) {
            g.writeStringField("dist", "exponential");
            g.writeNumberField("meanMs", e.meanMs());
            g.writeNumberField("minMs", e.minMs());
        }
        g.writeEndObject();
    }

    /** Whether {@code cmd} survives the string form: {@link Commands#split} gives it back. */
    private static boolean simple(List<String> cmd) {
        for (String a : cmd) {
            if (a.isEmpty() || a.contains(" ") || !a.equals(a.trim())) {
                return false;
            }
        }
        return true;
    }

    private static void writeCommand(JsonGenerator g, List<String> cmd) throws IOException {
        if (simple(cmd)) {
            g.writeStringField("command", String.join(" ", cmd));
        } else {
            g.writeArrayFieldStart("command");
            for (String a : cmd) {
                g.writeString(a);
            }
            g.writeEndArray();
        }
    }

    private static void writeExpectation(JsonGenerator g, String field, ReplyExpectation e) throws IOException {
        if (e instanceof ReplyExpectation.Timed t) {
            if (!(t.inner() instanceof ReplyExpectation.AnyReply)) {
                writeExpectation(g, field, t.inner());
            }
            g.writeObjectFieldStart("repliedAtMs");
            if (t.minMs() > 0 || t.maxMs() == Long.MAX_VALUE) {
                g.writeNumberField("min", t.minMs());
            }
            if (t.maxMs() != Long.MAX_VALUE) {
                g.writeNumberField("max", t.maxMs());
            }
            g.writeEndObject();
            return;
        }
        if (e instanceof ReplyExpectation.Exact x) {
            g.writeStringField(field, x.text());
            return;
        }
        g.writeObjectFieldStart(field);
        if (e instanceof ReplyExpectation.Prefix p) {
            g.writeStringField("prefix", p.prefix());
        } else if (e instanceof ReplyExpectation.Regex r) {
            g.writeStringField("regex", r.pattern().pattern());
        } else {
            g.writeBooleanField("noReply", true);
        }
        g.writeEndObject();
    }

    private static void writeStep(JsonGenerator g, Step st) throws IOException {
        g.writeStartObject();
        g.writeNumberField("at", st.at());
        g.writeStringField("do", st.doName());
        if (st instanceof Step.ClientStep c) {
            g.writeStringField("client", c.client());
            writeCommand(g, c.command());
            if (c.expect().isPresent()) {
                writeExpectation(g, "expect", c.expect().get());
            }
        } else if (st instanceof Step.OperatorStep o) {
            g.writeStringField("node", o.node());
            writeCommand(g, o.command());
            if (o.expect().isPresent()) {
                writeExpectation(g, "expect", o.expect().get());
            }
        } else if (st instanceof Step.CrashStep c) {
            g.writeStringField("node", c.node());
        } else if (st instanceof Step.RestartStep r) {
            g.writeStringField("node", r.node());
        } else if (st instanceof Step.SnapshotStep sn) {
            g.writeStringField("node", sn.node());
        } else if (st instanceof Step.PushConfigStep p) {
            g.writeStringField("node", p.node());
            if (p.nodeId().isPresent()) {
                g.writeBooleanField("nodeId", p.nodeId().get());
            }
            if (p.peers().isPresent()) {
                g.writeArrayFieldStart("peers");
                for (String id : p.peers().get()) {
                    g.writeString(id);
                }
                g.writeEndArray();
            }
            if (p.scopes().isPresent()) {
                writeScopes(g, "scopes", p.scopes().get());
            }
            if (p.shards().isPresent()) {
                g.writeNumberField("shards", p.shards().getAsInt());
            }
            if (!p.restart()) {
                g.writeBooleanField("restart", false);
            }
        } else if (st instanceof Step.PartitionStep p) {
            g.writeArrayFieldStart("from");
            for (String id : p.from()) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("to");
            for (String id : p.to()) {
                g.writeString(id);
            }
            g.writeEndArray();
            if (p.oneWay()) {
                g.writeBooleanField("oneWay", true);
            }
        } else if (st instanceof Step.NetRuleStep r) {
            if (r.from().isPresent()) {
                g.writeStringField("from", r.from().get());
            }
            if (r.to().isPresent()) {
                g.writeStringField("to", r.to().get());
            }
            if (r.messages() != MessageClass.ANY) {
                g.writeStringField("messages", r.messages().wireName());
            }
            if (r.count().isPresent()) {
                g.writeNumberField("count", r.count().getAsInt());
            }
            if (r.untilMs().isPresent()) {
                g.writeNumberField("untilMs", r.untilMs().getAsLong());
            }
            if (r.probability() != 1) {
                g.writeNumberField("probability", r.probability());
            }
            if (r.kind() == NetRuleKind.DELAY) {
                g.writeNumberField("delayMs", r.delayMs());
            }
        } else if (st instanceof Step.EintrStep e) {
            g.writeStringField("node", e.node());
            if (e.count() != 1) {
                g.writeNumberField("count", e.count());
            }
        }
        g.writeEndObject();
    }

    private static void writeWorkload(JsonGenerator g, WorkloadSpec w) throws IOException {
        g.writeObjectFieldStart("workload");
        g.writeNumberField("clients", w.clients());
        if (!w.primaries().isEmpty()) {
            g.writeArrayFieldStart("primaries");
            for (String p : w.primaries()) {
                g.writeString(p);
            }
            g.writeEndArray();
        }
        if (!w.keys().isEmpty()) {
            g.writeArrayFieldStart("keys");
            for (String k : w.keys()) {
                g.writeString(k);
            }
            g.writeEndArray();
        }
        g.writeNumberField("keysPerScope", w.keysPerScope());
        g.writeNumberField("opsPerSec", w.opsPerSec());
        g.writeObjectFieldStart("mix");
        for (Map.Entry<String, Integer> e : w.mix().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("fromMs", w.fromMs());
        g.writeNumberField("untilMs", w.untilMs());
        if (w.timeoutMs() != ClientSpec.DEFAULT_TIMEOUT_MS) {
            g.writeNumberField("timeoutMs", w.timeoutMs());
        }
        g.writeEndObject();
    }

    private static void writeChaos(JsonGenerator g, ChaosSpec c) throws IOException {
        g.writeObjectFieldStart("chaos");
        g.writeNumberField("untilMs", c.untilMs());
        g.writeNumberField("healBoundMs", c.healBoundMs());
        g.writeNumberField("crashPerSec", c.crashPerSec());
        g.writeNumberField("meanDownMs", c.meanDownMs());
        g.writeNumberField("partitionPerSec", c.partitionPerSec());
        g.writeNumberField("meanPartitionMs", c.meanPartitionMs());
        g.writeNumberField("oneWayShare", c.oneWayShare());
        g.writeNumberField("movePerSec", c.movePerSec());
        g.writeNumberField("pushConfigAfterMove", c.pushConfigAfterMove());
        g.writeNumberField("snapshotPerSec", c.snapshotPerSec());
        g.writeNumberField("loss", c.loss());
        g.writeNumberField("duplicate", c.duplicate());
        g.writeNumberField("eintr", c.eintr());
        if (c.oddMoves() != 0) {
            g.writeNumberField("oddMoves", c.oddMoves());
        }
        if (c.shufflePushes()) {
            g.writeBooleanField("shufflePushes", true);
        }
        g.writeEndObject();
    }

    private static void writeExpect(JsonGenerator g, Expectations e, Variant variant) throws IOException {
        if (e.equals(Expectations.defaults(variant))) {
            return;
        }
        g.writeObjectFieldStart("expect");
        if (!e.hold().equals(Expectations.defaultHold(variant))) {
            g.writeArrayFieldStart("hold");
            for (String h : e.hold()) {
                g.writeString(h);
            }
            g.writeEndArray();
        }
        if (e.violation().isPresent()) {
            g.writeStringField("violation", e.violation().get());
        }
        if (!e.baits().isEmpty()) {
            g.writeArrayFieldStart("baits");
            for (String b : e.baits()) {
                g.writeString(b);
            }
            g.writeEndArray();
        }
        if (e.migrationsEndBy().isPresent()) {
            g.writeNumberField("migrationsEndBy", e.migrationsEndBy().getAsLong());
        }
        if (!e.history()) {
            g.writeBooleanField("history", false);
        }
        if (!e.values().isEmpty()) {
            g.writeArrayFieldStart("values");
            for (ValueExpectation v : e.values()) {
                g.writeStartObject();
                g.writeStringField("key", v.key());
                if (v.node().isPresent()) {
                    g.writeStringField("node", v.node().get());
                }
                if (!v.command().equals(List.of("GET", v.key()))) {
                    writeCommand(g, v.command());
                }
                writeExpectation(g, "expect", v.expect());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (!e.logs().isEmpty()) {
            g.writeArrayFieldStart("logs");
            for (LogExpectation l : e.logs()) {
                g.writeStartObject();
                g.writeStringField("node", l.node());
                if (l.shard() != 0) {
                    g.writeNumberField("shard", l.shard());
                }
                g.writeArrayFieldStart("frames");
                for (List<String> f : l.frames()) {
                    if (simple(f)) {
                        g.writeString(String.join(" ", f));
                    } else {
                        g.writeStartArray();
                        for (String a : f) {
                            g.writeString(a);
                        }
                        g.writeEndArray();
                    }
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
