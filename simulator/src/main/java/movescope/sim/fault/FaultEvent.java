package movescope.sim.fault;

/** The agenda entries of the chaos phase; the world schedules them and hands them back to {@link Chaos}. */
public sealed interface FaultEvent {
    /** The next fault of one kind ({@code crash}, {@code partition}, {@code move}, {@code snapshot}) is due. */
    record Arrival(String kind) implements FaultEvent {}

    /** A node that chaos crashed comes back (unless something restarted it already). */
    record Restart(String node) implements FaultEvent {}

    /** A partition that chaos made heals (unless healed already). */
    record Heal(long partitionId) implements FaultEvent {}

    /** The operator rolls a moved scope's new writer out to one node's config. */
    record Push(String node, String prefix, String writer) implements FaultEvent {}

    /** The chaos phase ends: faults stop, partitions heal, dead nodes restart. */
    record End() implements FaultEvent {}
}
