package movescope.sim.scenario;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a reply must look like: the exact wire text (model's {@code Reply.wire()} rendering), a prefix, a
 * regular expression matching the whole reply, or no reply at all by the end of the run.
 */
public sealed interface ReplyExpectation {
    /** True when {@code reply} (null = no reply arrived) meets the expectation. */
    boolean matches(String reply);

    /**
     * True when {@code reply}, which arrived at virtual time {@code repliedAtMs} (-1 = no reply), meets the
     * expectation; only {@link Timed} looks at the time.
     */
    default boolean matches(String reply, long repliedAtMs) {
        return matches(reply);
    }

    /** A human-readable form for reports: {@code "+OK"}, {@code prefix "-QUIESCED"}, {@code regex ...}. */
    String describe();

    record Exact(String text) implements ReplyExpectation {
        public Exact {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean matches(String reply) {
            return text.equals(reply);
        }

        @Override
        public String describe() {
            return text;
        }
    }

    record Prefix(String prefix) implements ReplyExpectation {
        public Prefix {
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public boolean matches(String reply) {
            return reply != null && reply.startsWith(prefix);
        }

        @Override
        public String describe() {
            return "prefix " + prefix;
        }
    }

    /** A Java regex that must match the whole reply; compiled once at load time. */
    record Regex(Pattern pattern) implements ReplyExpectation {
        public Regex {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public boolean matches(String reply) {
            return reply != null && pattern.matcher(reply).matches();
        }

        @Override
        public String describe() {
            return "regex " + pattern.pattern();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Regex r && r.pattern.pattern().equals(pattern.pattern());
        }

        @Override
        public int hashCode() {
            return pattern.pattern().hashCode();
        }
    }

    /** No reply may arrive before the end of the run (e.g. a MOVE-SCOPE that never returns). */
    record NoReply() implements ReplyExpectation {
        @Override
        public boolean matches(String reply) {
            return reply == null;
        }

        @Override
        public String describe() {
            return "no reply";
        }
    }

    /** Any reply at all (a step with a reply-time window and no reply text to expect). */
    record AnyReply() implements ReplyExpectation {
        @Override
        public boolean matches(String reply) {
            return reply != null;
        }

        @Override
        public String describe() {
            return "any reply";
        }
    }

    /**
     * {@code inner}, and the reply arrived within {@code [minMs, maxMs]} of virtual time (step field
     * {@code repliedAtMs}: {@code {"min": ..., "max": ...}}, either bound optional). Live mode, whose replies carry
     * wall-clock times, judges the reply text only.
     */
    record Timed(ReplyExpectation inner, long minMs, long maxMs) implements ReplyExpectation {
        public Timed {
            Objects.requireNonNull(inner, "inner");
            if (inner instanceof Timed || inner instanceof NoReply) {
                throw new IllegalArgumentException("a reply-time window needs a reply");
            }
            if (minMs < 0 || maxMs < minMs) {
                throw new IllegalArgumentException("repliedAtMs needs 0 <= min <= max, got " + minMs + ".." + maxMs);
            }
        }

        @Override
        public boolean matches(String reply) {
            return inner.matches(reply);
        }

        @Override
        public boolean matches(String reply, long repliedAtMs) {
            return inner.matches(reply) && repliedAtMs >= minMs && repliedAtMs <= maxMs;
        }

        @Override
        public String describe() {
            String window = maxMs == Long.MAX_VALUE ? "at or after " + minMs + " ms"
                    : minMs == 0 ? "by " + maxMs + " ms" : "between " + minMs + " and " + maxMs + " ms";
            return (inner instanceof AnyReply ? "a reply" : inner.describe()) + ", replied " + window;
        }
    }
}
