package movescope.checker;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import movescope.checker.manifest.Expectation;
import movescope.checker.tlc.TlcResult;

/**
 * One checked config.
 *
 * @param spec          the spec name (manifest {@code spec}, else the folder name)
 * @param name          the run name (manifest {@code name}, else the config's base name)
 * @param specDir       the spec folder
 * @param module        root module, relative to specDir
 * @param config        config file, relative to specDir
 * @param expect        the expected outcome
 * @param expectedName  the invariant/property that must be reported, or null
 * @param fromManifest  whether the expectation comes from a manifest ({@code false}: a bare config, expected to pass)
 * @param result        what TLC found
 * @param verdict       MATCH or MISMATCH
 * @param reasons       why it is a mismatch (empty on MATCH)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(String spec, String name, String specDir, String module, String config,
        Expectation expect, String expectedName, boolean fromManifest, TlcResult result, Verdict verdict,
        List<String> reasons) {
    public CheckResult {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
        if ((verdict == Verdict.MATCH) != reasons.isEmpty()) {
            throw new IllegalArgumentException("a MISMATCH needs reasons and a MATCH has none: " + verdict + " "
                    + reasons);
        }
    }
}
