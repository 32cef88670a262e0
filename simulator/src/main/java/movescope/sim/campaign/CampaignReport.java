package movescope.sim.campaign;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import movescope.model.protocol.Variant;
import movescope.sim.engine.Verdict;
import movescope.sim.scenario.Expectations;

/**
 * The campaign report (docs/campaigns.md "Report schema"): {@code campaign.json} and the text summary. Both
 * are functions of the configuration, the run records and the kinds only — no wall-clock time, no job count
 * — so the same campaign gives byte-identical reports whatever {@code --jobs}, and a resumed or merged
 * campaign gives the report of an uninterrupted one.
 */
public final class CampaignReport {
    public static final String SCHEMA = "movescope-campaign/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CampaignReport() {}

    /** Where a kind's shrunk scenario goes inside the report folder. */
    public static String kindFile(Kind k) {
        return "kinds/" + k.name() + ".json";
    }

    /**
     * @param reproducePrefix how to name the report folder in reproduce lines (e.g. {@code reports/campaign-1})
     */
    public static String json(Campaign.Config c, String templateSha256, Map<Integer, RunRecord> records,
            List<Kind> kinds, boolean complete, String reproducePrefix) {
        ObjectNode o = JSON.createObjectNode();
        o.put("schema", SCHEMA);
        o.put("seed", c.baseSeed());
        o.put("runsPlanned", c.runs());
        o.put("shard", c.shard().label());
        o.put("shardRuns", c.indexes().size());
        o.put("runsDone", records.size());
        o.put("complete", complete);
        o.put("template", c.template().name());
        o.put("templateSha256", templateSha256);
        o.put("variant", c.template().variant().name());
        o.put("shrinkBudget", c.shrinkBudget());
        o.put("adversary", c.adversary());
        ObjectNode verdicts = o.putObject("verdicts");
        for (Verdict v : Verdict.values()) {
            verdicts.put(v.name(), records.values().stream().filter(r -> r.verdict().equals(v.name())).count());
        }
        TreeMap<String, Long> inv = new TreeMap<>();
        TreeMap<String, Long> baitRuns = new TreeMap<>();
        TreeMap<String, Long> baitHits = new TreeMap<>();
        TreeMap<String, Long> actionRuns = new TreeMap<>();
        TreeMap<String, Long> actionCount = new TreeMap<>();
        TreeMap<String, Long> switchRuns = new TreeMap<>();
        for (String b : Expectations.BAITS) {
            baitRuns.put(b, 0L);
            baitHits.put(b, 0L);
        }
        for (String a : Coverage.SPEC_ACTIONS) {
            actionRuns.put(a, 0L);
            actionCount.put(a, 0L);
        }
        for (String s : Variant.SWITCHES) {
            switchRuns.put(s, 0L);
        }
        for (RunRecord r : records.values()) {
            if (r.failed()) {
                inv.merge(r.invariant(), 1L, Long::sum);
            }
            r.baits().forEach((b, n) -> {
                baitHits.merge(b, n, Long::sum);
                if (n > 0) {
                    baitRuns.merge(b, 1L, Long::sum);
                }
            });
            r.actions().forEach((a, n) -> {
                actionCount.merge(a, n, Long::sum);
                actionRuns.merge(a, 1L, Long::sum);
            });
            r.switchPaths().forEach(s -> switchRuns.merge(s, 1L, Long::sum));
        }
        ObjectNode invN = o.putObject("invariants");
        inv.forEach(invN::put);
        ObjectNode baits = o.putObject("baits");
        baitRuns.forEach((b, n) -> {
            ObjectNode x = baits.putObject(b);
            x.put("runs", n);
            x.put("hits", baitHits.get(b));
        });
        ObjectNode cov = o.putObject("coverage");
        ObjectNode acts = cov.putObject("actions");
        actionRuns.forEach((a, n) -> {
            ObjectNode x = acts.putObject(a);
            x.put("runs", n);
            x.put("count", actionCount.get(a));
            x.put("specAction", Coverage.SPEC_ACTIONS.contains(a));
        });
        ArrayNode missing = cov.putArray("specActionsNeverSeen");
        for (String a : Coverage.SPEC_ACTIONS) {
            if (actionRuns.get(a) == 0) {
                missing.add(a);
            }
        }
        ObjectNode sw = cov.putObject("switchPaths");
        switchRuns.forEach(sw::put);
        ArrayNode ks = o.putArray("kinds");
        for (Kind k : kinds) {
            ObjectNode x = ks.addObject();
            x.put("rank", k.rank());
            x.put("name", k.name());
            x.put("signature", k.signature().id());
            x.put("invariant", k.signature().invariant());
            k.signature().tokens().forEach(x.putArray("actions")::add);
            x.put("count", k.count());
            x.put("firstRun", k.firstRun());
            x.put("firstSeed", k.firstSeed());
            x.put("firstSummary", k.firstSummary());
            ArrayNode runs = x.putArray("runs");
            k.runIndexes().forEach(runs::add);
            if (k.shrunk().isEmpty()) {
                x.putNull("shrunk");
                continue;
            }
            Kind.Shrunk s = k.shrunk().get();
            ObjectNode sn = x.putObject("shrunk");
            sn.put("file", kindFile(k));
            sn.put("reproduce", "./movescope run " + reproducePrefix + "/" + kindFile(k));
            sn.put("steps", s.steps());
            sn.put("nodes", s.nodes());
            sn.put("clients", s.clients());
            sn.put("keys", s.keys());
            sn.put("endMs", s.endMs());
            sn.put("shrinkRuns", s.shrinkRuns());
            sn.put("fixpoint", s.fixpoint());
            sn.put("regressionPasses", s.regression());
            sn.put("summary", s.summary());
            x.put("explanation", s.explanation());
            ObjectNode rem = x.putObject("remedies");
            s.remedies().forEach(rem::put);
            s.removedBy().forEach(x.putArray("removedBy")::add);
        }
        return write(o);
    }

    /** The readable summary: totals, then one line per kind, most frequent first. */
    public static String text(Campaign.Config c, Map<Integer, RunRecord> records, List<Kind> kinds, boolean complete,
            String reproducePrefix) {
        StringBuilder b = new StringBuilder();
        long failed = records.values().stream().filter(RunRecord::failed).count();
        b.append("campaign seed ").append(c.baseSeed()).append(", shard ").append(c.shard().label()).append(": ")
                .append(records.size()).append(" of ").append(c.indexes().size()).append(" runs")
                .append(complete ? "" : " (INTERRUPTED: resume with --resume)").append(", ")
                .append(records.size() - failed).append(" passed, ").append(failed).append(" failed, ")
                .append(kinds.size()).append(kinds.size() == 1 ? " kind" : " kinds").append('\n');
        for (Kind k : kinds) {
            b.append(String.format("%6d  %s", k.count(), k.signature().id()));
            if (k.shrunk().isPresent()) {
                Kind.Shrunk s = k.shrunk().get();
                b.append("  ").append(s.steps()).append(" steps");
                b.append(s.removedBy().isEmpty() ? ", no single remedy" : ", removed by " + String.join("+", s.removedBy()));
                b.append(s.regression() ? "" : ", NOT a passing regression");
                b.append("\n        ./movescope run ").append(reproducePrefix).append('/').append(kindFile(k));
            } else {
                b.append("  (not shrunk) first run ").append(k.firstRun()).append(" seed ").append(k.firstSeed());
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String write(ObjectNode o) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
        pp.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(pp).writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
