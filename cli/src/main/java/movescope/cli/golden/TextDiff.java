package movescope.cli.golden;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff for golden files, printed when a run's rendering differs from the committed golden output.
 * Lines only in the golden file start with {@code -}, lines only in this run with {@code +}, and {@code @@}
 * headers give 1-based line numbers in both, like {@code diff -u}, so a reviewer reads it without tools.
 *
 * <p>It is a longest-common-subsequence diff (quadratic, fine for golden files of a few hundred lines). Past
 * {@link #MAX_CELLS} it falls back to reporting the first differing line, which is still exact.
 */
public final class TextDiff {
    static final long MAX_CELLS = 25_000_000L;
    private static final int CONTEXT = 2;

    private TextDiff() {
    }

    /** Empty when the texts are equal line by line; otherwise the readable diff. */
    public static String diff(String expected, String actual, String expectedName, String actualName) {
        List<String> a = lines(expected);
        List<String> b = lines(actual);
        if (a.equals(b)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(expectedName).append('\n');
        out.append("+++ ").append(actualName).append('\n');
        if ((long) a.size() * b.size() > MAX_CELLS) {
            int i = 0;
            while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
                i++;
            }
            out.append("@@ first difference at line ").append(i + 1).append(" @@\n");
            out.append(i < a.size() ? "-" + a.get(i) : "-<end of file>").append('\n');
            out.append(i < b.size() ? "+" + b.get(i) : "+<end of file>").append('\n');
            return out.toString();
        }
        List<Edit> edits = edits(a, b);
        // Group edits into hunks with CONTEXT unchanged lines around each change.
        int n = edits.size();
        int i = 0;
        while (i < n) {
            while (i < n && edits.get(i).kind == ' ') {
                i++;
            }
            if (i == n) {
                break;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < n) {
                if (edits.get(end).kind != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(n, lastChange + CONTEXT + 1);
            Edit first = edits.get(start);
            out.append("@@ -").append(first.lineA + 1).append(" +").append(first.lineB + 1).append(" @@\n");
            for (int k = start; k < end; k++) {
                Edit e = edits.get(k);
                out.append(e.kind).append(e.text).append('\n');
            }
            i = end;
        }
        return out.toString();
    }

    private record Edit(char kind, String text, int lineA, int lineB) {
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(' ', a.get(i), i, j));
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add(new Edit('-', a.get(i), i, j));
                i++;
            } else {
                edits.add(new Edit('+', b.get(j), i, j));
                j++;
            }
        }
        return edits;
    }

    /** Splits on \n and \r\n; a final newline does not make an extra empty line. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.replace("\r\n", "\n").split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
