package movescope.cli.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import movescope.cli.RepoPaths;
import movescope.sim.scenario.ScenarioException;
import movescope.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves scenarios/scenario.schema.json is usable by editors and agrees with the loader: every corpus file
 * validates (and names the schema by the right relative path), and the schema rejects malformed scenarios —
 * an unknown field, a wrong type, a probability above 1, an unknown step kind, a missing required field, an
 * unknown invariant. Semantic errors a schema cannot see (a step naming a node that does not exist) are the
 * loader's job; that split is asserted too, and every file the schema rejects is rejected by the loader as
 * well. Reproduce: {@code mvn -o -q -pl cli test -Dtest=ScenarioSchemaTest}.
 */
class ScenarioSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        try (InputStream in = Files.newInputStream(RepoPaths.schema())) {
            schema = factory.getSchema(in);
        }
    }

    private static Set<ValidationMessage> validate(String json) throws IOException {
        return schema.validate(JSON.readTree(json));
    }

    @Test
    void schemaIsDraft202012() throws IOException {
        JsonNode root = JSON.readTree(RepoPaths.schema().toFile());
        assertEquals("https://json-schema.org/draft/2020-12/schema", root.get("$schema").asText());
    }

    @Test
    void schemaKnowsExactlyTheModelsVariantSwitches() throws IOException {
        JsonNode variantObject = JSON.readTree(RepoPaths.schema().toFile()).at("/$defs/variant/oneOf/1/properties");
        java.util.TreeSet<String> inSchema = new java.util.TreeSet<>();
        variantObject.fieldNames().forEachRemaining(inSchema::add);
        inSchema.remove("base");
        assertEquals(new java.util.TreeSet<>(movescope.model.protocol.Variant.SWITCHES), inSchema,
                "scenario.schema.json's variant switches must match movescope.model.protocol.Variant.SWITCHES");
    }

    @Test
    void schemaKnowsExactlyTheSimulatorsInvariants() throws IOException {
        // The enum editors offer for expect.hold and expect.violation must be what the loader accepts:
        // an invariant the simulator checks but the schema lacks (NoPhantomWrite once was) is flagged as
        // an error in every editor, and one the schema has but the simulator lacks is a typo trap.
        JsonNode en = JSON.readTree(RepoPaths.schema().toFile()).at("/$defs/invariant/enum");
        java.util.List<String> inSchema = new java.util.ArrayList<>();
        en.forEach(n -> inSchema.add(n.asText()));
        assertEquals(movescope.sim.scenario.Expectations.SELECTABLE, inSchema,
                "scenario.schema.json's invariant enum must match movescope.sim.scenario.Expectations.SELECTABLE");
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileValidates() {
        List<Path> corpus = RepoPaths.corpus();
        assertFalse(corpus.isEmpty(), "the corpus is empty");
        return corpus.stream().map(file -> dynamicTest(RepoPaths.scenarios().relativize(file).toString(), () -> {
            JsonNode node = JSON.readTree(file.toFile());
            Set<ValidationMessage> errors = schema.validate(node);
            assertTrue(errors.isEmpty(), () -> file + " does not match the schema:\n" + render(errors));
            JsonNode ref = node.get("$schema");
            assertTrue(ref != null && ref.isTextual(), file + " has no \"$schema\"");
            Path target = file.getParent().resolve(ref.asText()).normalize();
            assertEquals(RepoPaths.schema().normalize(), target, file + ": \"$schema\" does not point at the schema");
        }));
    }

    private static final String GOOD = """
            {
              "name": "ok",
              "description": "minimal valid scenario",
              "variant": "kevy-5.4",
              "cluster": { "nodes": [ { "id": "a" }, { "id": "b" } ], "scopes": "app:billing:=a" },
              %s
              "endMs": 1000
            }
            """;

    @Test
    void minimalScenarioIsAccepted() throws Exception {
        assertEquals(Set.of(), validate(GOOD.formatted("")));
        ScenarioLoader.loadString(GOOD.formatted(""), "good.json");
        assertEquals(Set.of(), validate(GOOD.formatted(
                "\"steps\": [ { \"at\": 1, \"do\": \"delay\", \"messages\": \"ingestReply\", \"delayMs\": 5 } ],")));
    }

    @Test
    void rejectsUnknownField() throws IOException {
        assertRejected(GOOD.formatted("\"network\": { \"lattency\": { \"dist\": \"constant\", \"ms\": 1 } },"), "lattency");
    }

    @Test
    void rejectsWrongType() throws IOException {
        assertRejected(GOOD.formatted("").replace("\"endMs\": 1000", "\"endMs\": \"1000\""), "endMs");
    }

    @Test
    void rejectsProbabilityAboveOne() throws IOException {
        assertRejected(GOOD.formatted("\"network\": { \"loss\": 1.5 },"), "loss");
    }

    @Test
    void rejectsUnknownStepKind() throws IOException {
        assertRejected(GOOD.formatted("\"steps\": [ { \"at\": 1, \"do\": \"explode\", \"node\": \"a\" } ],"), "do");
    }

    @Test
    void rejectsStepFieldOfAnotherKind() throws IOException {
        // "delayMs" belongs to delay steps only: a drop step carrying it is a typo the loader rejects too.
        assertRejected(GOOD.formatted("\"steps\": [ { \"at\": 1, \"do\": \"drop\", \"delayMs\": 5 } ],"), "steps");
    }

    @Test
    void rejectsMissingRequiredField() throws IOException {
        assertRejected(GOOD.formatted("").replace("\"endMs\": 1000", "\"seed\": 1"), "endMs");
    }

    @Test
    void rejectsUnknownInvariant() throws IOException {
        assertRejected(GOOD.formatted("\"expect\": { \"violation\": \"SingleWritter\" },"), "violation");
    }

    @Test
    void rejectsUnknownVariantSwitch() throws IOException {
        assertRejected(GOOD.formatted("").replace("\"variant\": \"kevy-5.4\"",
                "\"variant\": { \"base\": \"kevy-5.4\", \"tableLayot\": \"atomic\" }"), "tableLayot");
    }

    @Test
    void unknownNodeIsTheLoadersJobNotTheSchemas() throws IOException {
        String json = Files.readString(badFile("unknown-node.json"));
        assertEquals(Set.of(), validate(json), "a schema cannot know the cluster's node ids");
    }

    @Test
    void badInputFixturesOtherThanSemanticOnesAreRejected() throws IOException {
        assertRejected(Files.readString(badFile("unknown-field.json")), "lattency");
        assertRejected(Files.readString(badFile("wrong-type.json")), "endMs");
    }

    static Path badFile(String name) {
        return RepoPaths.root().resolve("cli/src/test/resources/bad").resolve(name);
    }

    /** The schema rejects {@code json} naming {@code mentioned}, and the loader agrees that it is invalid. */
    private static void assertRejected(String json, String mentioned) throws IOException {
        Set<ValidationMessage> errors = validate(json);
        assertFalse(errors.isEmpty(), "the schema accepted:\n" + json);
        String text = render(errors);
        assertTrue(text.contains(mentioned), () -> "expected an error mentioning " + mentioned + ", got:\n" + text);
        assertThrows(ScenarioException.class, () -> ScenarioLoader.loadString(json, "mutated.json"),
                () -> "the schema rejects but the loader accepts:\n" + json);
    }

    private static String render(Set<ValidationMessage> errors) {
        return errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("\n"));
    }
}
