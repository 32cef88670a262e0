package movescope.sim.scenario;

/**
 * The loader's limits on what a scenario may ask for, each documented in docs/scenario-format.md
 * ("Limits"). They keep every run bounded in memory and time and every time sum far from overflow:
 * with every time at most {@link #MAX_TIME_MS}, the sums the simulator forms (now + latency + delay +
 * timeout, a chaos phase's end plus its heal bound) stay below 2^53 and far below {@code Long.MAX_VALUE}.
 */
public final class ScenarioLimits {
    /** Largest virtual time in a scenario (endMs, step times, latencies, timeouts, chaos means): ~31.7 years. */
    public static final long MAX_TIME_MS = 1_000_000_000_000L;
    /** Most simulated events in one run (maxEvents); the run stops there with a verdict, never unbounded. */
    public static final long MAX_EVENTS = 50_000_000L;
    /** Most nodes in a cluster, listed or generated. */
    public static final int MAX_NODES = 2_000;
    /** Most scopes in one scopes list (cluster, node or pushed config) or generated in all. */
    public static final int MAX_SCOPES = 20_000;
    /** Most ownership-table entries over all nodes (nodes x scopes each node is configured with). */
    public static final long MAX_TABLE_ENTRIES = 4_000_000L;
    /** Most shards per node. */
    public static final int MAX_SHARDS = 1_024;
    /** Most shards over all nodes. */
    public static final long MAX_TOTAL_SHARDS = 65_536L;
    /** Most steps. */
    public static final int MAX_STEPS = 10_000;
    /** Most declared clients, and most workload clients. */
    public static final int MAX_CLIENTS = 10_000;
    /** Most keys: a workload's key list, its keys per scope times the scopes, and all data sets together. */
    public static final int MAX_KEYS = 1_000_000;
    /** Most arguments in one command. */
    public static final int MAX_COMMAND_ARGS = 1_000;
    /** Largest send buffer a node may declare, in bytes (1 GiB). */
    public static final long MAX_SEND_BUFFER_BYTES = 1L << 30;
    /** Largest slice frame cost, in microseconds (1,000 s). */
    public static final long MAX_FRAME_COST_US = 1_000_000_000L;
    /** Share of the JVM's maximum heap a scenario's estimated world may take before it is refused. */
    public static final double HEAP_SHARE = 0.5;

    private ScenarioLimits() {}
}
