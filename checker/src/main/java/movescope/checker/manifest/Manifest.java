package movescope.checker.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.util.List;

/**
 * A spec folder's {@code manifest.json}: the spec's name and the runs the build must check.
 *
 * @param spec        the spec name (normally the folder name)
 * @param description optional free text
 * @param runs        the runs, in file order
 * @param file        where the manifest was read from (not part of the JSON)
 */
public record Manifest(String spec, String description, List<ManifestRun> runs, @JsonIgnore Path file) {
    public Manifest {
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    /** The folder the manifest's paths are relative to. */
    public Path dir() {
        return file.toAbsolutePath().getParent();
    }

    /** The same manifest with its source file set. */
    Manifest at(Path where) {
        return new Manifest(spec, description, runs, where);
    }
}
