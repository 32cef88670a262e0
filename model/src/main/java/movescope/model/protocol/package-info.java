/**
 * kevy 5.4's node protocol as pure step functions (kevy-move-scope.md §1–§6).
 *
 * <p>{@link movescope.model.protocol.KevyNode} is one node: {@code step(Input) → List<Effect>}. Its state is
 * split into {@link movescope.model.protocol.DurableState} (what a crash keeps) and
 * {@link movescope.model.protocol.VolatileState} (what it loses). {@link movescope.model.protocol.Input} and
 * {@link movescope.model.protocol.Effect} are the whole interface to the world: the simulator owns time,
 * the network and faults, delivers inputs and carries out effects. {@link movescope.model.protocol.Variant}
 * holds the switches of docs/vocabulary.md, {@link movescope.model.protocol.NodeConfig} the
 * {@code [cluster]} config and its string parsers, {@link movescope.model.protocol.KevyTexts} and
 * {@link movescope.model.protocol.ShipFailure} every reply text. The routing, migration-table, scope and
 * store logic it drives lives in the sibling packages and is not duplicated here.
 */
package movescope.model.protocol;
