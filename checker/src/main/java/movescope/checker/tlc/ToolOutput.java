package movescope.checker.tlc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TLC's {@code -tool} output split into message blocks and the plain lines between them.
 *
 * <p>Blocks can nest (TLC wraps a config-file error 5001 inside the generic 1000 block, and the
 * marker can start in the middle of a line, after {@code ": "}), so parsing keeps a stack. Plain
 * lines — SANY's parse errors, {@code PrintT} output — are kept with the number of blocks started
 * before them, so a caller can ask for "the plain lines between SANY start and SANY end".
 *
 * @param messages every block, in start order (nested blocks flattened)
 * @param plain    every line outside all blocks
 */
public record ToolOutput(List<ToolMessage> messages, List<PlainLine> plain) {
    private static final Pattern MARKER =
            Pattern.compile("@!@!@STARTMSG (\\d+):(\\d+) @!@!@|@!@!@ENDMSG (\\d+) @!@!@");

    /**
     * A line printed outside any message block.
     *
     * @param text          the line
     * @param blocksBefore  how many blocks had started before this line
     */
    public record PlainLine(String text, int blocksBefore) {
    }

    public ToolOutput {
        messages = List.copyOf(messages);
        plain = List.copyOf(plain);
    }

    /** Parses the whole output; never fails — unbalanced markers are closed at the end. */
    public static ToolOutput parse(List<String> lines) {
        record Open(int code, int severity, int sequence, StringBuilder body) {
        }
        List<ToolMessage> done = new ArrayList<>();
        List<PlainLine> plain = new ArrayList<>();
        Deque<Open> stack = new ArrayDeque<>();
        int started = 0;
        for (String line : lines) {
            Matcher m = MARKER.matcher(line);
            int pos = 0;
            boolean sawMarker = false;
            while (m.find()) {
                sawMarker = true;
                String before = line.substring(pos, m.start());
                appendFragment(stack.peek() == null ? null : stack.peek().body(), before, plain, started);
                if (m.group(1) != null) {
                    stack.push(new Open(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), started,
                            new StringBuilder()));
                    started++;
                } else if (!stack.isEmpty()) {
                    Open o = stack.pop();
                    done.add(new ToolMessage(o.code(), o.severity(), o.body().toString().strip(), o.sequence()));
                }
                pos = m.end();
            }
            String rest = line.substring(pos);
            if (!sawMarker) {
                if (stack.isEmpty()) {
                    plain.add(new PlainLine(line, started));
                } else {
                    stack.peek().body().append(line).append('\n');
                }
            } else {
                appendFragment(stack.peek() == null ? null : stack.peek().body(), rest, plain, started);
            }
        }
        while (!stack.isEmpty()) {
            // TLC was killed mid-message (timeout): keep what it printed.
            Open o = stack.pop();
            done.add(new ToolMessage(o.code(), o.severity(), o.body().toString().strip(), o.sequence()));
        }
        done.sort((a, b) -> Integer.compare(a.sequence(), b.sequence()));
        return new ToolOutput(done, plain);
    }

    private static void appendFragment(StringBuilder body, String fragment, List<PlainLine> plain, int started) {
        if (fragment.isBlank()) {
            return;
        }
        if (body == null) {
            plain.add(new PlainLine(fragment, started));
        } else {
            body.append(fragment).append('\n');
        }
    }

    /** The first block with this code. */
    public Optional<ToolMessage> first(int code) {
        return messages.stream().filter(msg -> msg.code() == code).findFirst();
    }

    /** The last block with this code. */
    public Optional<ToolMessage> last(int code) {
        ToolMessage found = null;
        for (ToolMessage msg : messages) {
            if (msg.code() == code) {
                found = msg;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether any block has this code. */
    public boolean has(int code) {
        return first(code).isPresent();
    }

    /** Plain lines printed after block number {@code fromBlock} started and before {@code toBlock} started. */
    public List<String> plainBetween(int fromBlock, int toBlock) {
        List<String> out = new ArrayList<>();
        for (PlainLine p : plain) {
            if (p.blocksBefore() > fromBlock && p.blocksBefore() <= toBlock) {
                out.add(p.text());
            }
        }
        return out;
    }
}
