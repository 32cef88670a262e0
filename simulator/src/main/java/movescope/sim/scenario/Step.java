package movescope.sim.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import movescope.model.scope.Scope;

/** One timed step of a scenario (docs/scenario-format.md "steps"); {@link #doName()} is its {@code do} value. */
public sealed interface Step {
    /** Virtual time (ms) at which the step happens. */
    long at();

    /** The {@code do} value of the step in a scenario file. */
    String doName();

    /** The client library runs {@code command} for {@code client}; the reply is the one returned to the caller. */
    record ClientStep(long at, String client, List<String> command, Optional<ReplyExpectation> expect)
            implements Step {
        public ClientStep {
            Objects.requireNonNull(client, "client");
            command = List.copyOf(command);
            Objects.requireNonNull(expect, "expect");
        }

        @Override
        public String doName() {
            return "client";
        }
    }

    /** One raw command on a fresh connection to {@code node}; no redirect following. */
    record OperatorStep(long at, String node, List<String> command, Optional<ReplyExpectation> expect)
            implements Step {
        public OperatorStep {
            Objects.requireNonNull(node, "node");
            command = List.copyOf(command);
            Objects.requireNonNull(expect, "expect");
        }

        @Override
        public String doName() {
            return "operator";
        }
    }

    record CrashStep(long at, String node) implements Step {
        public CrashStep {
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String doName() {
            return "crash";
        }
    }

    record RestartStep(long at, String node) implements Step {
        public RestartStep {
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String doName() {
            return "restart";
        }
    }

    record SnapshotStep(long at, String node) implements Step {
        public SnapshotStep {
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String doName() {
            return "snapshot";
        }
    }

    /** Replace the node's config file (absent fields keep their current value); optionally restart at once. */
    record PushConfigStep(long at, String node, Optional<Boolean> nodeId, Optional<List<String>> peers,
            Optional<List<Scope>> scopes, OptionalInt shards, boolean restart) implements Step {
        public PushConfigStep {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(nodeId, "nodeId");
            peers = peers.map(List::copyOf);
            scopes = scopes.map(List::copyOf);
            Objects.requireNonNull(shards, "shards");
        }

        @Override
        public String doName() {
            return "pushConfig";
        }
    }

    /** Cut links from every endpoint of {@code from} to every endpoint of {@code to} (both ways unless oneWay). */
    record PartitionStep(long at, List<String> from, List<String> to, boolean oneWay) implements Step {
        public PartitionStep {
            from = List.copyOf(from);
            to = List.copyOf(to);
        }

        @Override
        public String doName() {
            return "partition";
        }
    }

    /** Remove every partition. */
    record HealStep(long at) implements Step {
        @Override
        public String doName() {
            return "heal";
        }
    }

    /** A drop / duplicate / delay rule applied to matching messages sent from now on. */
    record NetRuleStep(long at, NetRuleKind kind, Optional<String> from, Optional<String> to,
            MessageClass messages, OptionalInt count, OptionalLong untilMs, double probability, long delayMs)
            implements Step {
        public NetRuleStep {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(messages, "messages");
            Objects.requireNonNull(count, "count");
            Objects.requireNonNull(untilMs, "untilMs");
            NetworkSpec.checkProbability("probability", probability);
            if (delayMs < 0) {
                throw new IllegalArgumentException("delayMs must be >= 0");
            }
        }

        @Override
        public String doName() {
            return kind.wireName();
        }
    }

    /** The next {@code count} INGEST-reply waits on {@code node} fail with EINTR as soon as they begin. */
    record EintrStep(long at, String node, int count) implements Step {
        public EintrStep {
            Objects.requireNonNull(node, "node");
            if (count < 1) {
                throw new IllegalArgumentException("count must be >= 1");
            }
        }

        @Override
        public String doName() {
            return "eintr";
        }
    }
}
