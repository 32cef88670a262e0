package movescope.model.election;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import movescope.model.routing.Peer;
import org.junit.jupiter.api.Test;

/** The replication gate (state/replication.rs:439-462, state/election.rs:191-223) and ROLE's bytes. */
class GateAndRoleTest {
    private static final ElectionConfig STANDALONE_ON = ElectionConfig.OFF.withListener(true);

    private static ElectionConfig replica(boolean readOnly, String upstream) {
        return new ElectionConfig(true, 6004, 0, ReplicationRole.REPLICA, readOnly, Optional.ofNullable(upstream));
    }

    @Test
    void standaloneIsOpenUntilItFollowsThenReadOnly() {
        ReplicationGate g = ReplicationGate.atBoot(STANDALONE_ON, true);
        assertEquals(Optional.empty(), g.writeDenied());
        g.onTopologyChange(ElectRole.REPLICA, Optional.empty(), false, "b");
        assertEquals(Optional.empty(), g.writeDenied(), "no known primary changes nothing");
        g.onTopologyChange(ElectRole.CANDIDATE, Optional.empty(), false, "b");
        assertEquals(Optional.empty(), g.writeDenied(), "a candidate changes nothing");
        g.onTopologyChange(ElectRole.REPLICA, Optional.of("a"), true, "b");
        assertEquals(Optional.of("-READONLY You can't write against a read only replica."), g.writeDenied());
        g.onTopologyChange(ElectRole.CANDIDATE, Optional.of("a"), true, "b");
        assertEquals(Optional.of(ReplicationGate.READONLY), g.writeDenied(), "still a replica while standing");
    }

    @Test
    void aPrimaryWithoutQuorumIsFencedFirst() {
        ReplicationGate g = ReplicationGate.atBoot(STANDALONE_ON, true);
        g.onTopologyChange(ElectRole.PRIMARY, Optional.of("a"), false, "a");
        assertEquals(Optional.of("-NOREPLICAS primary lost quorum; writes fenced"), g.writeDenied());
        g.onTopologyChange(ElectRole.PRIMARY, Optional.of("a"), true, "a");
        assertEquals(Optional.empty(), g.writeDenied());
    }

    @Test
    void rolePrimaryIsReadOnlyFromBootUntilElectedOnlyWithThePlane() {
        ElectionConfig primary = STANDALONE_ON.withRole(ReplicationRole.PRIMARY);
        ReplicationGate g = ReplicationGate.atBoot(primary, true);
        assertEquals(Optional.of(ReplicationGate.READONLY), g.writeDenied());
        g.onTopologyChange(ElectRole.PRIMARY, Optional.of("a"), true, "a");
        assertEquals(Optional.empty(), g.writeDenied());
        assertEquals(Optional.empty(), ReplicationGate.atBoot(primary.withListener(false), false).writeDenied());
    }

    @Test
    void replicaReadOnlyFalseOpensAFollowerOnlyWithRoleReplica() {
        ReplicationGate open = ReplicationGate.atBoot(replica(false, "10.0.0.1:16004"), true);
        assertEquals(Optional.empty(), open.writeDenied());
        open.onTopologyChange(ElectRole.REPLICA, Optional.of("a"), true, "b");
        assertEquals(Optional.empty(), open.writeDenied());
        ReplicationGate ro = ReplicationGate.atBoot(replica(true, "10.0.0.1:16004"), false);
        assertEquals(Optional.of(ReplicationGate.READONLY), ro.writeDenied(), "runners toward upstream from boot");
        assertEquals(Optional.empty(), ReplicationGate.atBoot(replica(true, null), false).writeDenied(),
                "no upstream: no runners, not a replica");
        ElectionConfig standaloneRw = new ElectionConfig(true, 6004, 0, ReplicationRole.STANDALONE, false, Optional.empty());
        ReplicationGate s = ReplicationGate.atBoot(standaloneRw, true);
        s.onTopologyChange(ElectRole.REPLICA, Optional.of("a"), true, "b");
        assertEquals(Optional.of(ReplicationGate.READONLY), s.writeDenied(), "standalone ignores replica_read_only");
    }

    @Test
    void listenPortIsElectPortBaseElsePortPlus200() {
        assertEquals(6204, ElectionConfig.OFF.listenPort());
        assertEquals(16100, new ElectionConfig(true, 6004, 16100, ReplicationRole.STANDALONE, true, Optional.empty()).listenPort());
        assertEquals(65535, new ElectionConfig(true, 65400, 0, ReplicationRole.STANDALONE, true, Optional.empty()).listenPort());
    }

    @Test
    void roleBytesAsKevyEncodesThem() {
        List<Peer> peers = List.of(new Peer("a", "10.0.0.1", 16100, 6004), new Peer("b", "10.0.0.2", 16100, 6004));
        Elector b = new Elector("b", List.of("a", "b"), "127.0.0.1:6004", ElectMeta.NONE);
        assertEquals("*5\r\n$5\r\nslave\r\n$0\r\n\r\n:0\r\n$7\r\nconnect\r\n:0\r\n",
                RoleReply.resp(RoleReply.of(Optional.of(b), peers, STANDALONE_ON)), "before any election");
        b.onMessage(new ElectMessage.Hb(1, "a", ElectRole.PRIMARY, 0), 10);
        assertEquals("*5\r\n$5\r\nslave\r\n$8\r\n10.0.0.1\r\n:16100\r\n$7\r\nconnect\r\n:0\r\n",
                RoleReply.resp(RoleReply.of(Optional.of(b), peers, STANDALONE_ON)), "host and elect port of the primary");
        assertEquals("[\"slave\", \"10.0.0.1\", :16100, \"connect\", :0]",
                RoleReply.of(Optional.of(b), peers, STANDALONE_ON).wire());
        Elector a = new Elector("a", List.of("a"), "127.0.0.1:6004", ElectMeta.NONE);
        a.tick(0);
        a.tick(5_000);
        assertEquals(ElectRole.PRIMARY, a.role());
        assertEquals("*3\r\n$6\r\nmaster\r\n:0\r\n*0\r\n", RoleReply.resp(RoleReply.of(Optional.of(a), peers, STANDALONE_ON)));
        assertEquals("*3\r\n$6\r\nmaster\r\n:0\r\n*0\r\n", RoleReply.resp(RoleReply.of(Optional.empty(), peers, ElectionConfig.OFF)),
                "no plane, standalone");
        assertEquals("*5\r\n$5\r\nslave\r\n$8\r\n10.0.0.9\r\n:7000\r\n$7\r\nconnect\r\n:0\r\n",
                RoleReply.resp(RoleReply.of(Optional.empty(), peers, replica(true, "10.0.0.9:7000"))), "no plane, replica");
    }
}
