package movescope.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Test helper: one in-process {@code movescope} invocation with captured output and its exit code. */
public record CliRun(int exit, String out, String err) {

    public static CliRun of(Path workingDir, String... args) {
        return of(workingDir, Map.of(), args);
    }

    public static CliRun of(Path workingDir, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Console console = new Console(new PrintWriter(out, true), new PrintWriter(err, true), env, workingDir);
        int exit = Main.execute(args, console);
        return new CliRun(exit, out.toString(), err.toString());
    }

    public List<String> outLines() {
        return out.lines().toList();
    }

    /** Output for assertion messages. */
    public String transcript() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
