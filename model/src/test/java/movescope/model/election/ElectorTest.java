package movescope.model.election;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The elector against kevy-elect's rules (elector.rs, elector_inbound.rs at 311feac0), case by case. */
class ElectorTest {
    private static final List<String> ABC = List.of("a", "b", "c");

    private static Elector elector(String id, ElectMeta meta) {
        return new Elector(id, ABC, id + ":6004", meta);
    }

    @Test
    void jitterIsKevysFnvHashOfTheIdModFourSeconds() {
        // kevy-source-facts.md §7, computed from elector.rs:159-185.
        assertEquals(653_287_384L, Elector.jitterNs("A"));
        assertEquals(653_287_387L, Elector.jitterNs("B"));
        assertEquals(653_287_386L, Elector.jitterNs("C"));
    }

    @Test
    void bytewiseOrderIsUnsignedUtf8() {
        assertTrue(Elector.bytewiseLess("a", "b"));
        assertTrue(Elector.bytewiseLess("B", "a"));
        assertTrue(Elector.bytewiseLess("n9", "n\u00e9")); // 0x39 < 0xc3
        assertFalse(Elector.bytewiseLess("a", "a"));
    }

    @Test
    void coldStartElectsTheLowestIdAboutFiveSecondsAfterTheFirstTick() {
        ElectorCluster c = ElectorCluster.kevy(ABC, 1, 0, 1);
        c.run(10_000, List.of());
        assertEquals(new TreeSet<>(List.of("a")), c.winners.get(2L), c.log.toString());
        assertEquals(1, c.winners.size());
        // First tick at 200 ms; a stands at the first pump at or after 200 + 5000 (pumps come at most
        // 200 ms apart), and wins one round trip (2 x 1 ms) later.
        String stand = c.log.get(0);
        assertTrue(stand.endsWith(" a stand epoch=2 "), c.log.toString());
        long at = Long.parseLong(stand.substring(0, stand.indexOf(' ')));
        assertTrue(at >= 5_200 && at <= 5_400, stand);
        assertTrue(c.log.contains((at + 2) + " a win epoch=2 "), c.log.toString());
        assertEquals(ElectRole.PRIMARY, c.node("a").role());
        for (String f : List.of("b", "c")) {
            assertEquals(ElectRole.REPLICA, c.node(f).role());
            assertEquals(Optional.of("a"), c.node(f).currentPrimary());
            assertEquals(2, c.node(f).epoch());
        }
        assertTrue(c.node("a").hasQuorum(c.now()));
    }

    @Test
    void standingSavesEpochPlusOneWithTheSelfVote() {
        Elector a = elector("a", ElectMeta.NONE);
        a.tick(0);
        assertEquals(ElectMeta.NONE, a.meta());
        List<ElectOutbound> out = a.tick(5_000);
        assertEquals(new ElectMeta(2, Optional.of("a")), a.meta());
        assertEquals(ElectRole.CANDIDATE, a.role());
        assertTrue(out.contains(new ElectOutbound(ElectOutbound.BROADCAST, new ElectMessage.Offer(2, "a", 0))), out.toString());
    }

    @Test
    void noStandBeforeFiveSecondsOrWhileABetterPeerIsAlive() {
        Elector b = elector("b", ElectMeta.NONE);
        b.tick(0);
        assertTrue(b.tick(4_999).stream().noneMatch(o -> o.msg() instanceof ElectMessage.Offer));
        b.onMessage(new ElectMessage.Hb(1, "a", ElectRole.REPLICA, 0), 4_999);
        assertTrue(b.tick(5_000).stream().noneMatch(o -> o.msg() instanceof ElectMessage.Offer), "a is lower and alive");
        // a falls silent: 5 s later it no longer counts, and b stands.
        assertTrue(b.tick(9_998).stream().noneMatch(o -> o.msg() instanceof ElectMessage.Offer));
        assertTrue(b.tick(9_999).stream().anyMatch(o -> o.msg() instanceof ElectMessage.Offer));
    }

    @Test
    void aHigherOffsetPeerWinsTheCandidateOrdering() {
        Elector a = elector("a", ElectMeta.NONE);
        a.tick(0);
        a.onMessage(new ElectMessage.Hb(1, "c", ElectRole.REPLICA, 7), 4_000);
        assertEquals(ElectRole.REPLICA, a.role());
        a.tick(5_000);
        assertEquals(ElectRole.REPLICA, a.role(), "c has the higher offset");
    }

    @Test
    void voteRulesInKevysOrder() {
        Elector b = elector("b", new ElectMeta(3, Optional.empty()));
        assertEquals(3, b.epoch());
        assertTrue(b.onMessage(new ElectMessage.Offer(3, "c", 0), 0).isEmpty(), "epoch not above own");
        b.setReplOffset(5);
        assertTrue(b.onMessage(new ElectMessage.Offer(4, "c", 4), 0).isEmpty(), "own offset greater");
        b.setReplOffset(0);
        assertTrue(b.onMessage(new ElectMessage.Offer(4, "c", 0), 0).isEmpty(), "equal offsets, own id lower");
        assertEquals(List.of(new ElectOutbound("a", new ElectMessage.Accept(4, "b"))),
                b.onMessage(new ElectMessage.Offer(4, "a", 0), 0));
        assertEquals(new ElectMeta(4, Optional.of("a")), b.meta(), "the vote is saved");
        assertEquals(ElectRole.REPLICA, b.role());
        assertTrue(b.onMessage(new ElectMessage.Offer(4, "a", 0), 0).isEmpty(), "one vote per epoch");
    }

    @Test
    void aRestartedVoterKeepsItsEpochAndVote() {
        Elector c = elector("c", new ElectMeta(4, Optional.of("a")));
        assertEquals(4, c.epoch());
        assertTrue(c.onMessage(new ElectMessage.Offer(4, "b", 0), 0).isEmpty());
        assertEquals(1, c.onMessage(new ElectMessage.Offer(5, "b", 0), 0).size());
    }

    @Test
    void candidacyTimesOutAfterThreeSecondsIntoBackoffWithKevysJitter() {
        ElectorCluster c = ElectorCluster.kevy(ABC, 1, 0, 1);
        for (String o : List.of("b", "c")) {
            c.cut(new ElectorCluster.Cut("a", o, 0, Long.MAX_VALUE));
            c.cut(new ElectorCluster.Cut(o, "a", 0, Long.MAX_VALUE));
        }
        c.run(9_000, List.of());
        // a hears nobody, stands at 5200 and gets no vote; b (best among b, c) wins with c's vote.
        assertEquals(new TreeSet<>(List.of("b")), c.winners.get(2L), c.log.toString());
        assertTrue(c.log.contains("8200 a timeout epoch=2 "), c.log.toString());
        assertEquals(ElectRole.REPLICA, c.node("a").role());
        assertEquals(Optional.of(8_200L * 1_000_000 + 1_000_000_000L + Elector.jitterNs("a")),
                c.node("a").backoffUntilNs());
    }

    @Test
    void reElectionAfterThePrimaryCrashes() {
        ElectorCluster c = ElectorCluster.kevy(ABC, 1, 0, 1);
        c.run(30_000, List.of(new ElectorCluster.Outage("a", 10_000, 60_000)));
        assertEquals(new TreeSet<>(List.of("a")), c.winners.get(2L));
        assertEquals(new TreeSet<>(List.of("b")), c.winners.get(3L), c.log.toString());
        assertEquals(Optional.of("b"), c.node("c").currentPrimary());
        // b's last HB from a came just before 10 s; DOWN at >= 5 s after it.
        String stand = c.log.stream().filter(l -> l.contains(" b stand")).findFirst().orElseThrow();
        long at = Long.parseLong(stand.substring(0, stand.indexOf(' ')));
        assertTrue(at >= 14_800 && at <= 15_200, stand);
    }

    @Test
    void aMinorityPrimaryLosesItsQuorumFiveSecondsAfterItsLastHeartbeat() {
        ElectorCluster c = ElectorCluster.kevy(ABC, 1, 0, 1);
        c.run(8_000, List.of());
        for (String o : List.of("b", "c")) {
            c.cut(new ElectorCluster.Cut("a", o, 8_000, Long.MAX_VALUE));
            c.cut(new ElectorCluster.Cut(o, "a", 8_000, Long.MAX_VALUE));
        }
        c.run(20_000, List.of());
        long last = 0;
        for (Elector.PeerView v : c.node("a").peerViews().values()) {
            last = Math.max(last, v.lastSeenMs());
        }
        assertTrue(last < 8_000 && last > 7_700, "last heard just before the cut: " + last);
        assertTrue(c.node("a").hasQuorum(last + 4_999));
        assertFalse(c.node("a").hasQuorum(last + 5_000));
        assertEquals(ElectRole.PRIMARY, c.node("a").role(), "nothing demotes it: it only loses the lease");
    }

    /**
     * kevy as built: a PRIMARY that votes for a higher-epoch OFFER keeps its role at the new epoch
     * (elector_inbound.rs:97-111 changes no role), and a heartbeat claiming PRIMARY at an epoch equal to
     * its own does not demote it (:41-47). Only the winner's one ANNOUNCE does (:151-157). With that
     * ANNOUNCE lost, two nodes are PRIMARY at the same epoch, each with a quorum of live peers: invariant
     * OnePrimaryPerEpoch fails while OneWinnerPerEpoch holds.
     */
    @Test
    void aVotingPrimaryStaysPrimaryAtTheWinnersEpochUntilTheAnnounce() {
        Elector b = elector("b", ElectMeta.NONE);
        Elector c = elector("c", ElectMeta.NONE);
        b.tick(0);
        List<ElectOutbound> offer = b.tick(5_000);
        ElectMessage.Offer o = (ElectMessage.Offer) offer.get(offer.size() - 1).msg();
        b.onMessage(c.onMessage(o, 5_001).get(0).msg(), 5_002);
        b.tick(5_002);
        assertEquals(ElectRole.PRIMARY, b.role());
        assertEquals(2, b.epoch());

        Elector a = elector("a", new ElectMeta(2, Optional.empty())); // a restarted, its view of b lapsed
        a.tick(20_000);
        List<ElectOutbound> aOut = a.tick(25_000);
        ElectMessage.Offer aOffer = (ElectMessage.Offer) aOut.get(aOut.size() - 1).msg();
        assertEquals(3, aOffer.newEpoch());
        List<ElectOutbound> vote = b.onMessage(aOffer, 25_001);
        assertEquals(List.of(new ElectOutbound("a", new ElectMessage.Accept(3, "b"))), vote);
        assertEquals(ElectRole.PRIMARY, b.role());
        assertEquals(3, b.epoch());
        a.onMessage(vote.get(0).msg(), 25_002);
        List<ElectOutbound> announce = a.tick(25_002);
        assertEquals(ElectRole.PRIMARY, a.role());
        assertEquals(3, a.epoch());
        // a's heartbeat reaches b, the ANNOUNCE does not: b stays PRIMARY at epoch 3.
        b.onMessage(new ElectMessage.Hb(3, "a", ElectRole.PRIMARY, 0), 25_100);
        assertEquals(ElectRole.PRIMARY, b.role());
        b.onMessage(new ElectMessage.Hb(3, "c", ElectRole.REPLICA, 0), 25_100);
        assertTrue(b.hasQuorum(25_100));
        // Had the ANNOUNCE arrived, b would have stepped down.
        Elector b2 = b.copy();
        ElectMessage ann = announce.stream().filter(x -> x.msg() instanceof ElectMessage.Announce).findFirst()
                .orElseThrow().msg();
        b2.onMessage(ann, 25_003);
        assertEquals(ElectRole.REPLICA, b2.role());
        assertEquals(Optional.of("a"), b2.currentPrimary());
    }

    @Test
    void aHeartbeatClaimingPrimaryAtAHigherEpochDemotes() {
        Elector a = elector("a", ElectMeta.NONE);
        a.tick(0);
        a.tick(5_000);
        a.onMessage(new ElectMessage.Accept(2, "b"), 5_002);
        a.tick(5_002);
        assertEquals(ElectRole.PRIMARY, a.role());
        a.onMessage(new ElectMessage.Hb(4, "c", ElectRole.PRIMARY, 0), 6_000);
        assertEquals(ElectRole.REPLICA, a.role());
        assertEquals(new ElectMeta(4, Optional.empty()), a.meta());
        assertEquals(Optional.of("c"), a.currentPrimary());
    }

    @Test
    void aQuorumOfOneWinsInItsOwnTick() {
        Elector solo = new Elector("a", List.of("a"), "a:6004", ElectMeta.NONE);
        solo.tick(0);
        assertTrue(solo.tick(4_999).isEmpty());
        List<ElectOutbound> out = solo.tick(5_000);
        assertEquals(ElectRole.PRIMARY, solo.role());
        assertEquals(2, out.size(), "OFFER and ANNOUNCE, to nobody");
        assertNull(ElectorCluster.kevy(List.of("a"), 1, 0, 1).doubleWin());
    }
}
