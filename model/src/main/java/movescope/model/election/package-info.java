/**
 * kevy's election plane (kevy-elect, kevy 5.4) as pure state: the elector's state machine
 * ({@link movescope.model.election.Elector}, after {@code crates/kevy-elect/src/elector.rs} and
 * {@code elector_inbound.rs} at 311feac0), its wire messages, its durable {@code elect.meta} pair, the
 * data-plane write gate the election outcome drives ({@link movescope.model.election.ReplicationGate},
 * after {@code crates/kevy/src/state/replication.rs:439-462} and {@code state/election.rs:180-229}) and
 * the {@code ROLE} reply ({@link movescope.model.election.RoleReply}). No clock, threads or I/O: time is
 * a {@code nowMs} argument, outputs are returned values.
 */
package movescope.model.election;
