package movescope.sim.scenario.json;

/** Where a JSON value starts in its file: 1-based line and column, and its JSON path ({@code $.steps[2].at}). */
public record Where(String file, int line, int column, String path) {
    public Where child(String field, int childLine, int childColumn) {
        return new Where(file, childLine, childColumn, path + "." + field);
    }
}
