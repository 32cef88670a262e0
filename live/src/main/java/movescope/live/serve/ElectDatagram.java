package movescope.live.serve;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import movescope.live.adapter.ElectMsg;

/**
 * The datagrams {@code movescope serve} sends to a node's election port (docs/live.md, "Election plane"):
 * its own heartbeat of the model without the plane, and kevy-elect's four messages. Version 1, big-endian,
 * no padding:
 * <pre>
 *   bytes 0-2  "MSE"            magic
 *   byte  3    1                version
 *   byte  4    kind             0 BEAT, 1 HB, 2 OFFER, 3 ACCEPT, 4 ANNOUNCE
 *   then, by kind:
 *     BEAT      from:str                                  (serve's heartbeat: HeartbeatFrom)
 *     HB        epoch:u63 nodeId:str role:u8 replOffset:u63   (role 0 primary, 1 replica, 2 candidate)
 *     OFFER     newEpoch:u63 candidateId:str replOffset:u63
 *     ACCEPT    epoch:u63 accepterId:str
 *     ANNOUNCE  epoch:u63 newPrimaryId:str newPrimaryAddr:str
 *   u63 = 8 bytes, a signed long that must not be negative
 *   str = 1 length byte n, then n bytes of valid UTF-8 (ids: 1..255 bytes; the address: 0..255)
 * </pre>
 * A datagram is at most {@link #MAX_BYTES} bytes. {@link #decode} refuses anything else — short, long,
 * another magic or version, an unknown kind or role, a negative number, bad UTF-8, an empty id, trailing
 * bytes — with {@link Malformed}; the receiver drops it and counts it. {@link #encode} refuses a message
 * whose strings do not fit (over 255 bytes) with {@link IllegalArgumentException}.
 */
public final class ElectDatagram {
    public static final int VERSION = 1;
    static final byte[] MAGIC = {'M', 'S', 'E'};
    static final int KIND_BEAT = 0;
    static final int KIND_HB = 1;
    static final int KIND_OFFER = 2;
    static final int KIND_ACCEPT = 3;
    static final int KIND_ANNOUNCE = 4;
    private static final int MAX_STR = 255;
    private static final String[] ROLES = {"primary", "replica", "candidate"};
    /** The largest datagram: an ANNOUNCE with two 255-byte strings (5 + 8 + 256 + 256). */
    public static final int MAX_BYTES = 5 + 8 + (1 + MAX_STR) * 2;

    /** What a datagram holds. */
    public sealed interface Decoded {}

    /** Serve's heartbeat (for a node without the election plane): {@code HeartbeatFrom(from)}. */
    public record Beat(String from) implements Decoded {}

    /** A kevy-elect message. */
    public record Elect(ElectMsg message) implements Decoded {}

    /** A datagram that is not one of these; {@link #getMessage()} says why. */
    public static final class Malformed extends Exception {
        public Malformed(String why) {
            super(why);
        }
    }

    private ElectDatagram() {
    }

    public static byte[] encodeBeat(String from) {
        Out o = new Out(KIND_BEAT);
        o.id(from);
        return o.bytes();
    }

    public static byte[] encode(ElectMsg m) {
        Out o;
        if (m instanceof ElectMsg.Hb h) {
            o = new Out(KIND_HB);
            o.u63(h.epoch());
            o.id(h.nodeId());
            o.out.write(roleCode(h.role()));
            o.u63(h.replOffset());
        } else if (m instanceof ElectMsg.Offer x) {
            o = new Out(KIND_OFFER);
            o.u63(x.newEpoch());
            o.id(x.candidateId());
            o.u63(x.replOffset());
        } else if (m instanceof ElectMsg.Accept a) {
            o = new Out(KIND_ACCEPT);
            o.u63(a.epoch());
            o.id(a.accepterId());
        } else if (m instanceof ElectMsg.Announce a) {
            o = new Out(KIND_ANNOUNCE);
            o.u63(a.epoch());
            o.id(a.newPrimaryId());
            o.str(a.newPrimaryAddr(), 0);
        } else {
            throw new IllegalArgumentException("unknown election message " + m);
        }
        return o.bytes();
    }

    public static Decoded decode(byte[] data, int offset, int length) throws Malformed {
        if (length > MAX_BYTES) {
            throw new Malformed("datagram of " + length + " bytes, more than " + MAX_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(data, offset, length);
        if (length < 5 || b.get() != MAGIC[0] || b.get() != MAGIC[1] || b.get() != MAGIC[2]) {
            throw new Malformed("not a movescope election datagram (no \"MSE\" magic)");
        }
        int version = b.get() & 0xff;
        if (version != VERSION) {
            throw new Malformed("election datagram version " + version + ", expected " + VERSION);
        }
        int kind = b.get() & 0xff;
        Decoded d = switch (kind) {
            case KIND_BEAT -> new Beat(id(b));
            case KIND_HB -> {
                long epoch = u63(b);
                String id = id(b);
                int role = u8(b);
                if (role >= ROLES.length) {
                    throw new Malformed("unknown role code " + role);
                }
                yield new Elect(new ElectMsg.Hb(epoch, id, ROLES[role], u63(b)));
            }
            case KIND_OFFER -> {
                long epoch = u63(b);
                String id = id(b);
                yield new Elect(new ElectMsg.Offer(epoch, id, u63(b)));
            }
            case KIND_ACCEPT -> {
                long epoch = u63(b);
                yield new Elect(new ElectMsg.Accept(epoch, id(b)));
            }
            case KIND_ANNOUNCE -> {
                long epoch = u63(b);
                String id = id(b);
                yield new Elect(new ElectMsg.Announce(epoch, id, str(b)));
            }
            default -> throw new Malformed("unknown kind " + kind);
        };
        if (b.hasRemaining()) {
            throw new Malformed(b.remaining() + " bytes after the message");
        }
        return d;
    }

    private static int roleCode(String role) {
        for (int i = 0; i < ROLES.length; i++) {
            if (ROLES[i].equals(role)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown role " + role);
    }

    private static int u8(ByteBuffer b) throws Malformed {
        if (!b.hasRemaining()) {
            throw new Malformed("truncated");
        }
        return b.get() & 0xff;
    }

    private static long u63(ByteBuffer b) throws Malformed {
        if (b.remaining() < 8) {
            throw new Malformed("truncated");
        }
        long v = b.getLong();
        if (v < 0) {
            throw new Malformed("negative number " + v);
        }
        return v;
    }

    private static String id(ByteBuffer b) throws Malformed {
        String s = str(b);
        if (s.isEmpty()) {
            throw new Malformed("empty node id");
        }
        return s;
    }

    private static String str(ByteBuffer b) throws Malformed {
        int n = u8(b);
        if (b.remaining() < n) {
            throw new Malformed("truncated");
        }
        ByteBuffer slice = b.slice();
        slice.limit(n);
        b.position(b.position() + n);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new Malformed("a string is not valid UTF-8");
        }
    }

    private static final class Out {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

        Out(int kind) {
            out.writeBytes(MAGIC);
            out.write(VERSION);
            out.write(kind);
        }

        void u63(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("negative number " + v);
            }
            out.writeBytes(ByteBuffer.allocate(8).putLong(v).array());
        }

        void id(String s) {
            str(s, 1);
        }

        void str(String s, int min) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length < min || b.length > MAX_STR) {
                throw new IllegalArgumentException("string of " + b.length + " bytes does not fit an election datagram ("
                        + min + ".." + MAX_STR + ")");
            }
            out.write(b.length);
            out.writeBytes(b);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
