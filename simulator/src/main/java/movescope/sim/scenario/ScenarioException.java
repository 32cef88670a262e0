package movescope.sim.scenario;

import java.util.Objects;

/**
 * A scenario file that cannot be used, with the exact place to fix it: file, line, column (1-based; 0 for a
 * problem with the whole file, which then reads {@code <file>: <reason>}), the JSON path of the offending value and what was expected. The message reads
 * {@code <file>:<line>:<column>: <path>: <problem>} so editors and terminals can jump to it.
 */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String jsonPath;
    private final String problem;

    public ScenarioException(String file, int line, int column, String jsonPath, String problem) {
        super(format(file, line, column, jsonPath, problem));
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.column = column;
        this.jsonPath = Objects.requireNonNull(jsonPath, "jsonPath");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * A problem with the file as a whole (missing, unreadable, a device, too large): there is no line or
     * column to point at, so the message reads {@code <file>: <reason>} (line and column are 0).
     */
    public static ScenarioException forFile(String file, String reason) {
        return new ScenarioException(file, 0, 0, "", reason);
    }

    private static String format(String file, int line, int column, String path, String problem) {
        if (line <= 0) {
            return file + ": " + (path.isEmpty() ? "" : path + ": ") + problem;
        }
        return file + ":" + line + ":" + Math.max(column, 1) + ": " + (path.isEmpty() ? "" : path + ": ") + problem;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The JSON path of the offending value, e.g. {@code $.steps[2].node}. */
    public String jsonPath() {
        return jsonPath;
    }

    /** What is wrong and what was expected, without the location prefix. */
    public String problem() {
        return problem;
    }
}
