package movescope.sim.net;

import java.util.Optional;
import java.util.OptionalLong;
import movescope.sim.scenario.MessageClass;
import movescope.sim.scenario.NetRuleKind;

/**
 * A live drop / duplicate / delay rule: matches messages by sender, receiver and class; expires after
 * {@code remaining} matches (negative = unlimited) or at {@code untilMs}.
 */
public final class NetRule {
    final NetRuleKind kind;
    final Optional<String> from;
    final Optional<String> to;
    final MessageClass messages;
    final OptionalLong untilMs;
    final double probability;
    final long delayMs;
    long remaining;

    public NetRule(NetRuleKind kind, Optional<String> from, Optional<String> to, MessageClass messages,
            long remaining, OptionalLong untilMs, double probability, long delayMs) {
        this.kind = kind;
        this.from = from;
        this.to = to;
        this.messages = messages;
        this.remaining = remaining;
        this.untilMs = untilMs;
        this.probability = probability;
        this.delayMs = delayMs;
    }

    boolean live(long now) {
        return remaining != 0 && (untilMs.isEmpty() || now < untilMs.getAsLong());
    }

    boolean matches(String src, String dst, MessageClass cls) {
        return messages.matches(cls) && from.map(src::equals).orElse(true) && to.map(dst::equals).orElse(true);
    }
}
