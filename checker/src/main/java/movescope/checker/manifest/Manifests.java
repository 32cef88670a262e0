package movescope.checker.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds and reads {@code specs/<Spec>/manifest.json} files.
 *
 * <p>Reading is strict (Jackson 2 with unknown-field, null-primitive and duplicate-key detection, read
 * from a stream so errors carry line and column): a typo such as {@code "invarient"} must be an error,
 * not a silently unchecked expectation.
 */
public final class Manifests {
    public static final String FILE_NAME = "manifest.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Optional fields are absent in most runs; required ones are checked in validate() with a clear message.
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Manifests() {
    }

    /**
     * Every {@code manifest.json} in the immediate sub-folders of {@code specsDir}, sorted by folder
     * name. A folder without a manifest is skipped (it is not a checked spec).
     *
     * @throws ManifestException for the first manifest that is unreadable or invalid
     */
    public static List<Manifest> discover(Path specsDir) throws ManifestException {
        if (!Files.isDirectory(specsDir)) {
            throw new ManifestException(specsDir, "not a folder");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> children = Files.list(specsDir)) {
            children.filter(Files::isDirectory).sorted()
                    .map(d -> d.resolve(FILE_NAME)).filter(Files::isRegularFile).forEach(files::add);
        } catch (IOException e) {
            throw new ManifestException(specsDir, "cannot list: " + e.getMessage(), e);
        }
        List<Manifest> out = new ArrayList<>();
        for (Path f : files) {
            out.add(read(f));
        }
        return out;
    }

    /** Reads and validates one manifest. */
    public static Manifest read(Path file) throws ManifestException {
        Manifest m;
        try (InputStream in = Files.newInputStream(file)) {
            m = MAPPER.readValue(in, Manifest.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ManifestException(file, at(e.getLocation()) + "unknown field \"" + e.getPropertyName()
                    + "\" (known: " + e.getKnownPropertyIds() + ")", e);
        } catch (ValueInstantiationException e) {
            Throwable root = e.getCause() != null ? e.getCause() : e;
            throw new ManifestException(file, at(e.getLocation()) + root.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ManifestException(file, at(e.getLocation()) + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ManifestException(file, "cannot read: " + e.getMessage(), e);
        }
        if (m == null) {
            throw new ManifestException(file, "empty manifest");
        }
        m = m.at(file);
        validate(m);
        return m;
    }

    private static String at(JsonLocation loc) {
        return loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
    }

    private static void validate(Manifest m) throws ManifestException {
        Path f = m.file();
        if (m.spec() == null || m.spec().isBlank()) {
            throw new ManifestException(f, "missing \"spec\"");
        }
        if (m.runs().isEmpty()) {
            throw new ManifestException(f, "\"runs\" is missing or empty");
        }
        Set<String> names = new HashSet<>();
        for (ManifestRun r : m.runs()) {
            String where = "run \"" + r.name() + "\": ";
            if (r.name() == null || r.name().isBlank()) {
                throw new ManifestException(f, "a run has no \"name\"");
            }
            if (!names.add(r.name())) {
                throw new ManifestException(f, "duplicate run name \"" + r.name() + "\"");
            }
            if (r.module() == null || r.config() == null || r.expect() == null) {
                throw new ManifestException(f, where + "\"module\", \"config\" and \"expect\" are required");
            }
            switch (r.expect()) {
                case VIOLATION -> require(f, where, r.invariant() != null && r.property() == null,
                        "expect \"violation\" needs \"invariant\" (and no \"property\")");
                case PROPERTY -> require(f, where, r.property() != null && r.invariant() == null,
                        "expect \"property\" needs \"property\" (and no \"invariant\")");
                case PASS, DEADLOCK -> require(f, where, r.invariant() == null && r.property() == null,
                        "expect \"" + r.expect().word() + "\" takes no \"invariant\" or \"property\"");
            }
            for (String a : r.tlcArgs()) {
                require(f, where, !List.of("-workers", "-metadir", "-config", "-tool").contains(a),
                        "tlcArgs may not contain " + a + " (the checker sets it)");
            }
        }
    }

    private static void require(Path f, String where, boolean ok, String message) throws ManifestException {
        if (!ok) {
            throw new ManifestException(f, where + message);
        }
    }
}
