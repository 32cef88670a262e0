package movescope.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import movescope.sim.check.Checker;
import movescope.sim.check.Invariant;
import org.junit.jupiter.api.Test;

/**
 * One vocabulary for claims: the spec's claims (every name a TLC config under specs/ checks as an invariant
 * or property), the simulator's invariants ({@link Checker#standard}), scenarios/scenario.schema.json's
 * {@code invariant} and {@code baits} enums and docs/vocabulary.md must agree — every claim is defined once
 * in the vocabulary, every Java invariant is a spec claim of the same name and is what a scenario may
 * expect, and every bait is in the vocabulary. {@link #differenceIsReported} shows the comparison biting on
 * a planted missing name. Pure file reading, no TLC. Reproduce: {@code mvn -B -o -pl checker -am test
 * -Dtest=InvariantNamesAgreeTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class InvariantNamesAgreeTest {

    private static Path root() {
        return RepoRoot.find(Path.of(System.getProperty("user.dir")))
                .orElseThrow(() -> new IllegalStateException("no folder with specs/ and pom.xml above the working directory"));
    }

    /** Names listed under INVARIANT(S) / PROPERTY(IES) in every .cfg under specs/, TypeOK left out. */
    static SortedSet<String> specClaims(Path specs) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        List<Path> cfgs;
        try (Stream<Path> s = Files.walk(specs)) {
            cfgs = s.filter(p -> p.toString().endsWith(".cfg")).sorted().toList();
        }
        for (Path cfg : cfgs) {
            boolean in = false;
            for (String raw : Files.readAllLines(cfg)) {
                String line = raw.replaceAll("\\\\\\*.*$", "").trim();
                if (line.isEmpty()) {
                    continue;
                }
                String first = line.split("\\s+")[0];
                if (first.matches("INVARIANTS?|PROPERTY|PROPERTIES")) {
                    in = true;
                    String[] rest = line.split("\\s+");
                    for (int i = 1; i < rest.length; i++) {
                        names.add(rest[i]);
                    }
                } else if (first.matches("[A-Z]+") && !first.matches(".*[a-z].*")) {
                    in = false; // another section keyword (CONSTANTS, SPECIFICATION, SYMMETRY, ...)
                } else if (in) {
                    for (String n : line.split("\\s+")) {
                        names.add(n);
                    }
                }
            }
        }
        names.remove("TypeOK");
        return names;
    }

    /** The section of docs/vocabulary.md that starts with {@code heading}, up to the next "## ". */
    static String section(String doc, String heading) {
        int i = doc.indexOf(heading);
        assertTrue(i >= 0, "docs/vocabulary.md has no section " + heading);
        int j = doc.indexOf("\n## ", i + heading.length());
        return j < 0 ? doc.substring(i) : doc.substring(i, j);
    }

    static SortedSet<String> backticked(String text, String regex) {
        TreeSet<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("`(" + regex + ")`").matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The claims the vocabulary defines: the invariant table's rows and the liveness line. */
    static SortedSet<String> vocabularyClaims(String doc) {
        String inv = section(doc, "## Invariants");
        TreeSet<String> out = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z]+)` \\|").matcher(inv);
        while (row.find()) {
            out.add(row.group(1));
        }
        Matcher live = Pattern.compile("(?m)^Liveness: `([A-Za-z]+)`").matcher(inv);
        while (live.find()) {
            out.add(live.group(1));
        }
        return out;
    }

    static List<String> schemaEnum(JsonNode schema, String def) {
        List<String> out = new ArrayList<>();
        schema.get("$defs").get(def).get("enum").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Empty when equal, else what each side lacks (the message of a failing comparison). */
    static Optional<String> difference(String leftName, SortedSet<String> left, String rightName,
            SortedSet<String> right) {
        TreeSet<String> onlyLeft = new TreeSet<>(left);
        onlyLeft.removeAll(right);
        TreeSet<String> onlyRight = new TreeSet<>(right);
        onlyRight.removeAll(left);
        if (onlyLeft.isEmpty() && onlyRight.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("only in " + leftName + ": " + onlyLeft + "; only in " + rightName + ": " + onlyRight);
    }

    @Test
    void specJavaSchemaAndVocabularyAgree() throws IOException {
        Path root = root();
        String vocab = Files.readString(root.resolve("docs/vocabulary.md"));
        JsonNode schema = new ObjectMapper().readTree(root.resolve("scenarios/scenario.schema.json").toFile());

        SortedSet<String> spec = specClaims(root.resolve("specs"));
        TreeSet<String> specNonBait = new TreeSet<>(spec);
        specNonBait.removeIf(n -> n.startsWith("Bait"));
        SortedSet<String> vocabClaims = vocabularyClaims(vocab);
        assertEquals(Optional.empty(), difference("the specs' configs", specNonBait, "docs/vocabulary.md", vocabClaims),
                "every claim a spec checks is defined once in the vocabulary, and every defined claim is checked");

        List<String> java = new ArrayList<>();
        for (Invariant i : Checker.standard(vocabClaims)) {
            java.add(i.name());
        }
        assertEquals(java, schemaEnum(schema, "invariant"),
                "scenario.schema.json's invariant enum is the simulator's invariant list, in its order");
        TreeSet<String> javaAndLiveness = new TreeSet<>(java);
        javaAndLiveness.add("MigrationEnds"); // the simulator's liveness check (Expectations.MIGRATION_ENDS)
        TreeSet<String> notInSpec = new TreeSet<>(javaAndLiveness);
        notInSpec.removeAll(specNonBait);
        assertTrue(notInSpec.isEmpty(), "simulator claims without a spec claim of the same name: " + notInSpec);

        SortedSet<String> vocabBaits = backticked(section(vocab, "## Reachability goals"), "Bait[A-Za-z]+");
        TreeSet<String> specBaits = new TreeSet<>(spec);
        specBaits.removeIf(n -> !n.startsWith("Bait"));
        assertEquals(Optional.empty(), difference("the specs' configs", specBaits, "docs/vocabulary.md", vocabBaits));
        TreeSet<String> schemaBaits = new TreeSet<>();
        schema.get("$defs").get("expect").get("properties").get("baits").get("items").get("enum")
                .forEach(n -> schemaBaits.add(n.asText()));
        assertTrue(vocabBaits.containsAll(schemaBaits), "schema baits not in the vocabulary: " + schemaBaits);
    }

    @Test
    void differenceIsReported() {
        SortedSet<String> full = new TreeSet<>(List.of("NoLostWrite", "SingleWriter"));
        SortedSet<String> planted = new TreeSet<>(List.of("SingleWriter"));
        Optional<String> d = difference("a", full, "b", planted);
        assertTrue(d.isPresent());
        assertEquals("only in a: [NoLostWrite]; only in b: []", d.get());
        assertFalse(difference("a", full, "b", new TreeSet<>(full)).isPresent());
        String vocab = "## Invariants\n| name | claim |\n|---|---|\n| `SingleWriter` | x |\n\nLiveness: `MigrationEnds` — y\n\n## Next\n";
        assertEquals(new TreeSet<>(List.of("MigrationEnds", "SingleWriter")), vocabularyClaims(vocab));
    }
}
