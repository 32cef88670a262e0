package movescope.cli.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything one {@code movescope bench} measured, as the text table and as the {@code --json} document
 * (docs/bench.md). The ratios are computed here, from the numbers printed next to them.
 */
public record BenchReport(Machine machine, Settings settings, Section campaignCeiling, Section campaign,
        Section bigCeiling, Section big, Optional<TlcBench.Result> tlc) {

    private static final JsonFactory JSON = new JsonFactory();

    /** The machine the numbers belong to. */
    public record Machine(int cores, String jvm, long heapMaxBytes, String os, String gc, double loadBefore,
            double loadAfter) {
        /** The system's load average over the last minute (negative where unknown). */
        public static double load() {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }

        /** This machine, with the load average seen before the measurements and now. */
        public static Machine current(double loadBefore) {
            Runtime rt = Runtime.getRuntime();
            String jvm = System.getProperty("java.vm.vendor", "?") + " " + System.getProperty("java.vm.name", "?")
                    + " " + System.getProperty("java.runtime.version", System.getProperty("java.version", "?"));
            String os = System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?") + " "
                    + System.getProperty("os.arch", "?");
            StringBuilder gc = new StringBuilder();
            for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                gc.append(gc.length() == 0 ? "" : ", ").append(b.getName());
            }
            return new Machine(rt.availableProcessors(), jvm, rt.maxMemory(), os, gc.toString(), loadBefore, load());
        }
    }

    /** How the run was sized. */
    public record Settings(boolean quick, double seconds, double warmupSeconds, long campaignVirtualMs,
            int bigNodes, long bigVirtualSeconds, double bigMovesPerSec, long tlcBehaviours) {}

    /**
     * One timed section: what ran ({@code name}), the agenda size it ran with (the ceiling's fill, or the
     * simulated runs' mean agenda size and whether it was measured or estimated), the timing and, for
     * simulator sections, how the runs ended.
     */
    public record Section(String name, double queueSize, boolean queueMeasured, Ceiling.Timing timing,
            Map<String, Long> verdicts) {
        public Section {
            verdicts = new TreeMap<>(verdicts);
        }
    }

    public double campaignToCeiling() {
        return campaign.timing().eventsPerSec() / campaignCeiling.timing().eventsPerSec();
    }

    public double bigToCeiling() {
        return big.timing().eventsPerSec() / bigCeiling.timing().eventsPerSec();
    }

    /** The same ratios over the measuring thread's CPU time (NaN when unknown): less sensitive to a busy machine. */
    public double campaignToCeilingCpu() {
        return campaign.timing().eventsPerCpuSec() / campaignCeiling.timing().eventsPerCpuSec();
    }

    public double bigToCeilingCpu() {
        return big.timing().eventsPerCpuSec() / bigCeiling.timing().eventsPerCpuSec();
    }

    /** Campaign runs/s over TLC behaviours/s; empty without TLC. */
    public Optional<Double> runsPerTlcBehaviour() {
        return tlc.filter(TlcBench.Result::conclusive).map(t -> campaign.timing().runsPerSec() / t.behavioursPerSec());
    }

    // ------------------------------------------------------------------------------------------------ JSON

    public String json() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeObjectFieldStart("machine");
            g.writeNumberField("cores", machine.cores());
            g.writeStringField("jvm", machine.jvm());
            g.writeNumberField("heapMaxBytes", machine.heapMaxBytes());
            g.writeStringField("os", machine.os());
            g.writeStringField("gc", machine.gc());
            g.writeNumberField("threads", 1);
            g.writeNumberField("loadAverageBefore", machine.loadBefore());
            g.writeNumberField("loadAverageAfter", machine.loadAfter());
            g.writeEndObject();
            g.writeObjectFieldStart("settings");
            g.writeBooleanField("quick", settings.quick());
            g.writeNumberField("seconds", settings.seconds());
            g.writeNumberField("warmupSeconds", settings.warmupSeconds());
            g.writeNumberField("campaignVirtualMs", settings.campaignVirtualMs());
            g.writeNumberField("bigNodes", settings.bigNodes());
            g.writeNumberField("bigVirtualSeconds", settings.bigVirtualSeconds());
            g.writeNumberField("bigMovesPerSec", settings.bigMovesPerSec());
            g.writeNumberField("tlcBehaviours", settings.tlcBehaviours());
            g.writeEndObject();
            section(g, "campaignCeiling", campaignCeiling, false);
            section(g, "campaign", campaign, true);
            section(g, "bigClusterCeiling", bigCeiling, false);
            section(g, "bigCluster", big, true);
            g.writeObjectFieldStart("tlc");
            g.writeBooleanField("skipped", tlc.isEmpty());
            if (tlc.isPresent()) {
                TlcBench.Result t = tlc.get();
                g.writeStringField("config", "specs/MoveScope/" + TlcBench.CONFIG);
                g.writeNumberField("depth", TlcBench.DEPTH);
                g.writeNumberField("seed", TlcBench.SEED);
                g.writeNumberField("workers", 1);
                g.writeNumberField("behaviours", t.behaviours());
                g.writeNumberField("states", t.states());
                if (t.conclusive()) {
                    g.writeNumberField("seconds", t.seconds());
                    g.writeNumberField("statesPerSec", t.statesPerSec());
                    g.writeNumberField("behavioursPerSec", t.behavioursPerSec());
                } else {
                    g.writeNullField("seconds");
                    g.writeNullField("statesPerSec");
                    g.writeNullField("behavioursPerSec");
                    g.writeStringField("inconclusive", t.inconclusive().orElseThrow());
                }
                g.writeObjectFieldStart("shortRun");
                run(g, t.shortRun());
                g.writeEndObject();
                g.writeObjectFieldStart("longRun");
                run(g, t.longRun());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("ratios");
            g.writeNumberField("campaignToCeiling", campaignToCeiling());
            g.writeNumberField("bigClusterToCeiling", bigToCeiling());
            number(g, "campaignToCeilingCpu", campaignToCeilingCpu());
            number(g, "bigClusterToCeilingCpu", bigToCeilingCpu());
            Optional<Double> r = runsPerTlcBehaviour();
            if (r.isPresent()) {
                g.writeNumberField("campaignRunsPerTlcBehaviour", r.get());
            } else {
                g.writeNullField("campaignRunsPerTlcBehaviour");
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString() + "\n";
    }

    private static void number(JsonGenerator g, String field, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(field, v);
        } else {
            g.writeNullField(field);
        }
    }

    private static void run(JsonGenerator g, TlcBench.Run r) throws IOException {
        g.writeNumberField("behaviours", r.behaviours());
        g.writeNumberField("states", r.states());
        g.writeNumberField("wallSeconds", r.nanos() / 1e9);
    }

    private static void section(JsonGenerator g, String field, Section s, boolean simulator) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("name", s.name());
        g.writeNumberField("queueSize", s.queueSize());
        g.writeBooleanField("queueSizeMeasured", s.queueMeasured());
        g.writeNumberField("events", s.timing().events());
        g.writeNumberField("seconds", s.timing().seconds());
        g.writeNumberField("eventsPerSec", s.timing().eventsPerSec());
        if (s.timing().cpuNanos() > 0) {
            g.writeNumberField("cpuSeconds", s.timing().cpuSeconds());
            g.writeNumberField("eventsPerCpuSec", s.timing().eventsPerCpuSec());
        } else {
            g.writeNullField("cpuSeconds");
            g.writeNullField("eventsPerCpuSec");
        }
        number(g, "gcSeconds", s.timing().gcNanos() >= 0 ? s.timing().gcNanos() / 1e9 : Double.NaN);
        number(g, "allocatedBytesPerEvent", s.timing().bytesPerEvent());
        if (simulator) {
            g.writeNumberField("runs", s.timing().runs());
            g.writeNumberField("runsPerSec", s.timing().runsPerSec());
            g.writeNumberField("eventsPerRun", (double) s.timing().events() / s.timing().runs());
            g.writeObjectFieldStart("verdicts");
            for (Map.Entry<String, Long> e : s.verdicts().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    // ------------------------------------------------------------------------------------------------ text

    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("movescope bench: ").append(machine.cores()).append(machine.cores() == 1 ? " core, " : " cores, ")
                .append(machine.jvm()).append(", heap max ").append(gib(machine.heapMaxBytes())).append(", GC ")
                .append(machine.gc()).append("; every section on 1 thread\n");
        b.append(machine.os()).append(String.format(Locale.ROOT, ", load average %.2f before, %.2f after",
                machine.loadBefore(), machine.loadAfter()))
                .append(settings.quick() ? " (--quick: small sizes, not for comparison)" : "").append('\n');
        b.append('\n');
        String head = "%-46s %12s %12s %9s %11s %8s %6s %7s%n";
        b.append(String.format(Locale.ROOT, head, "section", "events/s", "events/cpu-s", "runs/s", "events/run", "queue",
                "runs", "seconds"));
        row(b, campaignCeiling, false);
        row(b, campaign, true);
        row(b, bigCeiling, false);
        row(b, big, true);
        b.append('\n');
        b.append("memory: ");
        memory(b, "campaign", campaign);
        b.append("; ");
        memory(b, bigName(), big);
        b.append("; ceilings ").append(bytes(campaignCeiling)).append(" and ").append(bytes(bigCeiling)).append(" B/event\n");
        b.append("campaign runs ended: ").append(verdictText(campaign)).append("; ").append(bigName())
                .append(" runs ended: ").append(verdictText(big)).append('\n');
        if (tlc.isPresent()) {
            TlcBench.Result t = tlc.get();
            b.append('\n');
            b.append(String.format(Locale.ROOT, "%-44s %14s %14s %12s %8s%n", "TLC -simulate (1 worker, depth " + TlcBench.DEPTH + ")",
                    "states/s", "behaviours/s", "behaviours", "seconds"));
            if (t.conclusive()) {
                b.append(String.format(Locale.ROOT, "%-44s %14s %14s %12s %8.2f%n", "specs/MoveScope/" + TlcBench.CONFIG,
                        num(t.statesPerSec()), num(t.behavioursPerSec()), num(t.behaviours()), t.seconds()));
            } else {
                b.append(String.format(Locale.ROOT, "%-44s %14s %14s %12s %8s%n", "specs/MoveScope/" + TlcBench.CONFIG,
                        "-", "-", num(t.behaviours()), "-"));
                b.append("  ").append(t.inconclusive().orElseThrow()).append('\n');
            }
            b.append("  (runs of ").append(t.shortRun().behaviours()).append(" and ").append(t.longRun().behaviours())
                    .append(" behaviours, seed ").append(TlcBench.SEED).append(", difference taken: startup cancels)\n");
        } else {
            b.append("\nTLC: skipped (--skip-tlc)\n");
        }
        b.append('\n');
        b.append("ratios\n");
        b.append(String.format(Locale.ROOT, "  %-50s %s%s%n", "campaign events/s / its ceiling", ratio(campaignToCeiling()),
                cpuRatio(campaignToCeilingCpu())));
        b.append(String.format(Locale.ROOT, "  %-50s %s%s%n", bigName() + " events/s / its ceiling", ratio(bigToCeiling()),
                cpuRatio(bigToCeilingCpu())));
        b.append(String.format(Locale.ROOT, "  %-50s %s%n", "campaign runs/s / TLC behaviours/s",
                runsPerTlcBehaviour().map(BenchReport::ratio).orElse(tlc.isEmpty() ? "- (TLC skipped)" : "- (TLC rate inconclusive)")));
        return b.toString();
    }

    private String bigName() {
        return String.format(Locale.ROOT, "%,d nodes", settings.bigNodes());
    }

    private static void memory(StringBuilder b, String name, Section s) {
        Ceiling.Timing t = s.timing();
        b.append(name).append(' ').append(bytes(s))
                .append(" B/event allocated, GC ")
                .append(t.gcNanos() < 0 ? "?" : String.format(Locale.ROOT, "%.2f", t.gcNanos() / 1e9)).append(" s");
    }

    private static String bytes(Section s) {
        double v = s.timing().bytesPerEvent();
        return Double.isNaN(v) ? "?" : v < 10 ? String.format(Locale.ROOT, "%.2f", v) : num(v);
    }

    private static String verdictText(Section s) {
        StringBuilder b = new StringBuilder();
        s.verdicts().forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return b.toString();
    }

    private static void row(StringBuilder b, Section s, boolean simulator) {
        Ceiling.Timing t = s.timing();
        String queue = s.queueMeasured() ? String.format(Locale.ROOT, "%.1f", s.queueSize())
                : String.format(Locale.ROOT, "~%.0f", s.queueSize());
        b.append(String.format(Locale.ROOT, "%-46s %12s %12s %9s %11s %8s %6s %7.2f%n", s.name(), num(t.eventsPerSec()),
                t.cpuNanos() > 0 ? num(t.eventsPerCpuSec()) : "?",
                simulator ? String.format(Locale.ROOT, "%.2f", t.runsPerSec()) : "-",
                simulator ? num((double) t.events() / t.runs()) : "-", queue,
                simulator ? Long.toString(t.runs()) : "-", t.seconds()));
    }

    private static String cpuRatio(double v) {
        return Double.isFinite(v) ? "   (per CPU-second: " + ratio(v) + ")" : "";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String ratio(double v) {
        return v >= 0.01 ? String.format(Locale.ROOT, "%.3f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
