package movescope.sim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import movescope.model.scope.Scope;

/**
 * A generated cluster: {@code nodes} nodes {@code n0..}, each the writer of {@code scopesPerNode} scopes
 * {@code <id>:s<j>:} with fallback the next node. Every node is configured with every scope (kevy expects the
 * same {@code scopes} everywhere).
 */
public record GenerateSpec(int nodes, int scopesPerNode, boolean fallback) {
    public GenerateSpec {
        if (nodes < 1) {
            throw new IllegalArgumentException("generate.nodes must be >= 1");
        }
        if (scopesPerNode < 0) {
            throw new IllegalArgumentException("generate.scopesPerNode must be >= 0");
        }
    }

    public String idOf(int i) {
        int width = Integer.toString(Math.max(nodes - 1, 0)).length();
        StringBuilder b = new StringBuilder("n");
        String digits = Integer.toString(i);
        for (int k = digits.length(); k < width; k++) {
            b.append('0');
        }
        return b.append(digits).toString();
    }

    public List<NodeSpec> nodeSpecs() {
        List<NodeSpec> out = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            out.add(new NodeSpec(idOf(i), NodeSpec.defaultHost(i), NodeSpec.DEFAULT_CLIENT_PORT,
                    NodeSpec.DEFAULT_ELECT_PORT, true, Optional.empty(), Optional.empty(), OptionalInt.empty()));
        }
        return out;
    }

    public List<Scope> scopes() {
        List<Scope> out = new ArrayList<>(nodes * scopesPerNode);
        for (int i = 0; i < nodes; i++) {
            for (int j = 0; j < scopesPerNode; j++) {
                String prefix = idOf(i) + ":s" + j + ":";
                out.add(fallback && nodes > 1
                        ? Scope.of(prefix, idOf(i), idOf((i + 1) % nodes))
                        : Scope.of(prefix, idOf(i)));
            }
        }
        return out;
    }
}
