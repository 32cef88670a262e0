package movescope.model.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ROLE's two reply shapes byte for byte ({@code crates/kevy/src/ops/replication.rs:232-286};
 * kevy-move-scope.md §8). Reproduce: {@code mvn -B -o -pl model test -Dtest=RoleReplyTest}.
 */
class RoleReplyTest {

    @Test
    void followerShape() {
        assertEquals("*5\r\n$5\r\nslave\r\n$8\r\n10.0.0.1\r\n:16100\r\n$7\r\nconnect\r\n:0\r\n",
                RoleReply.slave("10.0.0.1", 16100, RoleReply.LinkState.CONNECT, 0).resp());
        assertEquals("*5\r\n$5\r\nslave\r\n$0\r\n\r\n:0\r\n$9\r\nconnected\r\n:42\r\n",
                RoleReply.slaveWithoutPrimary(RoleReply.LinkState.CONNECTED, 42).resp());
        assertEquals("sync", RoleReply.LinkState.SYNC.wire());
    }

    @Test
    void primaryShape() {
        assertEquals("*3\r\n$6\r\nmaster\r\n:0\r\n*0\r\n", RoleReply.master(0, List.of()).resp());
        assertEquals("*3\r\n$6\r\nmaster\r\n:7\r\n*1\r\n*3\r\n$8\r\n10.0.0.2\r\n$4\r\n6004\r\n$1\r\n5\r\n",
                RoleReply.master(7, List.of(new RoleReply.Replica("10.0.0.2", 6004, 5))).resp());
        assertEquals("-ERR wrong number of arguments for 'role' command\r\n", RoleReply.arityError().resp());
    }
}
