package movescope.cli.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import movescope.cli.io.AtomicFiles;
import movescope.sim.campaign.Campaign;
import movescope.sim.campaign.RunRecord;
import movescope.sim.campaign.Shard;
import movescope.sim.scenario.Scenario;
import movescope.sim.scenario.ScenarioException;
import movescope.sim.scenario.ScenarioLoader;
import movescope.sim.scenario.ScenarioWriter;

/**
 * A campaign's report folder (docs/campaigns.md): {@code template.json} (the template, in the public scenario
 * format), {@code campaign.json} (the summary, written at the start with {@code complete: false} and again
 * at the end), {@code runs.ndjson} (one line per finished run, appended and flushed as runs finish, sorted
 * by index at the end), {@code kinds/*.json} (the shrunk scenarios) with their run pages {@code kinds/*.html}, {@code summary.txt} and {@code campaign.html} (the page). Every file but
 * the journal is written atomically; a torn last journal line (a kill -9) is ignored on resume.
 */
public final class CampaignFolder {
    public static final String TEMPLATE = "template.json";
    public static final String SUMMARY_JSON = "campaign.json";
    public static final String JOURNAL = "runs.ndjson";
    public static final String SUMMARY_TEXT = "summary.txt";
    /** The report as a page a person reads (cli/html/CampaignPage); kind pages lie beside kind files. */
    public static final String PAGE = "campaign.html";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public CampaignFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** What a folder says about the campaign it holds. */
    public record Stored(Campaign.Config config, String templateSha256, TreeMap<Integer, RunRecord> records) {}

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a fresh campaign here: the template and the config, an empty journal, no kinds. */
    public void start(String templateJson, String initialSummary) throws IOException {
        Files.createDirectories(dir);
        Path kinds = dir.resolve("kinds");
        if (Files.isDirectory(kinds)) {
            try (var s = Files.list(kinds)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        AtomicFiles.write(dir.resolve(TEMPLATE), templateJson);
        AtomicFiles.write(dir.resolve(SUMMARY_JSON), initialSummary);
        AtomicFiles.write(dir.resolve(JOURNAL), "");
        Files.deleteIfExists(dir.resolve(SUMMARY_TEXT));
        Files.deleteIfExists(dir.resolve(PAGE));
    }

    /** Opens the journal for appending (after {@link #start} or on resume). */
    public BufferedWriter journal() throws IOException {
        return Files.newBufferedWriter(dir.resolve(JOURNAL), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Writes the final files; the journal is rewritten in index order. */
    public void finish(TreeMap<Integer, RunRecord> records, List<String[]> kindFiles, String summaryJson,
            String summaryText) throws IOException {
        StringBuilder j = new StringBuilder();
        for (RunRecord r : records.values()) {
            j.append(r.toJsonLine()).append('\n');
        }
        AtomicFiles.write(dir.resolve(JOURNAL), j.toString());
        for (String[] kf : kindFiles) {
            AtomicFiles.write(dir.resolve(kf[0]), kf[1]);
        }
        AtomicFiles.write(dir.resolve(SUMMARY_JSON), summaryJson);
        AtomicFiles.write(dir.resolve(SUMMARY_TEXT), summaryText);
    }

    /**
     * Reads a campaign folder back (for {@code --resume} and {@code campaign merge}).
     *
     * @throws BadFolder with file:line:column and what was expected
     */
    public Stored read() throws BadFolder {
        Path t = dir.resolve(TEMPLATE);
        Path c = dir.resolve(SUMMARY_JSON);
        Path j = dir.resolve(JOURNAL);
        for (Path p : List.of(t, c, j)) {
            if (!Files.isRegularFile(p)) {
                throw new BadFolder(p + ":0:0: missing: expected a campaign report folder (written by movescope swarm)"
                        + " holding " + TEMPLATE + ", " + SUMMARY_JSON + " and " + JOURNAL);
            }
        }
        Scenario template;
        String templateText;
        try {
            templateText = Files.readString(t, StandardCharsets.UTF_8);
            template = ScenarioLoader.loadString(templateText, t.toString());
        } catch (ScenarioException e) {
            throw new BadFolder(e.getMessage());
        } catch (IOException e) {
            throw new BadFolder(t + ":0:0: cannot read: " + e.getMessage());
        }
        JsonNode s;
        try {
            s = JSON.readTree(c.toFile());
        } catch (IOException e) {
            throw new BadFolder(c + ":1:1: not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        for (String f : List.of("seed", "runsPlanned", "shard", "shrinkBudget", "adversary", "templateSha256")) {
            if (s == null || !s.has(f)) {
                throw new BadFolder(c + ":1:1: missing field \"" + f + "\" (expected a " + SUMMARY_JSON
                        + " written by movescope swarm)");
            }
        }
        String sha = sha256(templateText);
        if (!sha.equals(s.get("templateSha256").asText())) {
            throw new BadFolder(t + ":1:1: the template changed since the campaign started (SHA-256 " + sha
                    + ", " + SUMMARY_JSON + " says " + s.get("templateSha256").asText() + ")");
        }
        Shard shard;
        try {
            shard = Shard.parse(s.get("shard").asText());
        } catch (IllegalArgumentException e) {
            throw new BadFolder(c + ":1:1: field \"shard\": " + e.getMessage());
        }
        Campaign.Config config = new Campaign.Config(s.get("seed").asLong(), s.get("runsPlanned").asInt(), template,
                shard, 1, s.get("shrinkBudget").asInt(), s.get("adversary").asBoolean());
        TreeMap<Integer, RunRecord> records = new TreeMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(j, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadFolder(j + ":0:0: cannot read: " + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            RunRecord r;
            try {
                r = RunRecord.parse(line);
            } catch (IllegalArgumentException e) {
                if (i == lines.size() - 1) {
                    break; // the line being written when the process was killed: that run simply runs again
                }
                throw new BadFolder(j + ":" + (i + 1) + ":1: " + e.getMessage() + " (expected one run record per line)");
            }
            if (!shard.contains(r.index()) || r.index() >= config.runs()) {
                throw new BadFolder(j + ":" + (i + 1) + ":1: run " + r.index() + " is not in shard " + shard.label()
                        + " of " + config.runs() + " runs");
            }
            records.put(r.index(), r);
        }
        return new Stored(config, sha, records);
    }

    /** A campaign folder that cannot be read; the message has file:line:column. */
    public static final class BadFolder extends Exception {
        public BadFolder(String message) {
            super(message);
        }
    }

    public static String templateJson(Scenario template) {
        return ScenarioWriter.toJson(template);
    }
}
