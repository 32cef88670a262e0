package movescope.sim.scenario;

import java.util.Objects;

/**
 * A scenario file that cannot be used, with the exact place to fix it: file, line, column (1-based; 0 when
 * unknown), the JSON path of the offending value and what was expected. The message reads
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

    private static String format(String file, int line, int column, String path, String problem) {
        return file + ":" + line + ":" + column + ": " + (path.isEmpty() ? "" : path + ": ") + problem;
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
