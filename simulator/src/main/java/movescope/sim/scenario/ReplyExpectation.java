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
}
