package movescope.cli.golden;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/**
 * A unified diff of two texts (golden file vs this run), as {@code diff -u} and {@code patch} read it:
 * {@code --- a} / {@code +++ b} headers and {@code @@ -l,n +l,n @@} hunks with three lines of context.
 * Computed by java-diff-utils (Myers), not by hand. Lines are compared without their line endings, so a
 * CRLF checkout compares equal to an LF one.
 */
public final class TextDiff {
    private static final int CONTEXT = 3;

    private TextDiff() {
    }

    /** The unified diff from {@code expected} to {@code actual}; empty when their lines are equal. */
    public static String diff(String expected, String actual, String expectedName, String actualName) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        Patch<String> patch = DiffUtils.diff(a, b);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String line : UnifiedDiffUtils.generateUnifiedDiff(expectedName, actualName, a, patch, CONTEXT)) {
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
