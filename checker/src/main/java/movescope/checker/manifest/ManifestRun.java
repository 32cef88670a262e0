package movescope.checker.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One entry of a manifest's {@code runs}: a module + config pair and what TLC must conclude.
 *
 * @param name        unique within the manifest, e.g. {@code MCMigrationTableImpl_bug}
 * @param module      root module file, relative to the spec folder
 * @param config      config file, relative to the spec folder
 * @param expect      the expected outcome
 * @param invariant   for {@code violation}: the invariant TLC must name
 * @param property    for {@code property}: the property that must be violated
 * @param tlcArgs     extra TLC options (never {@code -workers}, {@code -metadir}, {@code -config})
 * @param measured    optional measured numbers
 * @param description optional free text for people
 * @param scenario    optional scenario file that mirrors this config
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestRun(String name, String module, String config, Expectation expect, String invariant,
        String property, List<String> tlcArgs, Measured measured, String description, String scenario) {
    public ManifestRun {
        tlcArgs = tlcArgs == null ? List.of() : List.copyOf(tlcArgs);
    }

    /** The violated invariant or property name the run must report, or null. */
    public String expectedName() {
        return switch (expect) {
            case VIOLATION -> invariant;
            case PROPERTY -> property;
            default -> null;
        };
    }
}
