package movescope.model.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** kevy's ship-failure reason texts, Rust's lossy UTF-8 and Debug quoting, and std's SocketAddr syntax. */
class ShipFailureTextsTest {

    @Test
    void debugQuotingEscapesLikeRust() {
        assertEquals("\"\"", RustText.debugQuote(""));
        assertEquals("\"a\\\"b\\\\c\\r\\n\\t\\0\"", RustText.debugQuote("a\"b\\c\r\n\t\0"));
        assertEquals("\"\\u{1}\\u{7f}\\u{85}\\u{ad}\\u{a0}\"", RustText.debugQuote("\u0001\u007f\u0085\u00ad\u00a0"));
        assertEquals("\"é\ufffd'\"", RustText.debugQuote("é\ufffd'"), "printable non-ASCII, U+FFFD and ' stay");
        assertEquals("\"e\\u{301}\"", RustText.debugQuote("e\u0301"), "a grapheme extender is escaped");
    }

    @Test
    void lossyUtf8ReplacesEachMaximalInvalidSubpart() {
        assertEquals("abc", RustText.utf8Lossy("abc"));
        assertEquals("é", RustText.utf8Lossy("\u00c3\u00a9"), "bytes C3 A9 are é");
        assertEquals("\ufffd", RustText.utf8Lossy("\u00ff"));
        assertEquals("\ufffdA", RustText.utf8Lossy("\u00e2\u0082A"), "a truncated 3-byte sequence is one U+FFFD");
        assertEquals("\ufffd\ufffd", RustText.utf8Lossy("\u00ed\u00a0"), "a surrogate lead: two replacements");
        assertEquals("\ufffd\ufffd\ufffd", RustText.utf8Lossy("\u00c0\u00af\u0080"), "overlong C0 and stray continuations");
        assertEquals("😀", RustText.utf8Lossy("\u00f0\u009f\u0098\u0080"));
    }

    @Test
    void nonOkQuotesAtMost256BytesOfTheFirstRead() {
        assertEquals("target replied non-OK: \"-ERR x\\r\\n\"", ShipFailure.nonOk("-ERR x\r\n"));
        assertEquals("target replied non-OK: \"\"", ShipFailure.nonOk(""));
        String cut = ShipFailure.nonOk("z".repeat(300));
        assertEquals("target replied non-OK: \"" + "z".repeat(256) + "\"", cut);
        // A multi-byte character cut at byte 256 is an incomplete sequence: U+FFFD.
        String split = ShipFailure.nonOk("z".repeat(255) + "\u00c3\u00a9");
        assertEquals("target replied non-OK: \"" + "z".repeat(255) + "\ufffd\"", split);
    }

    @Test
    void connectAndAddressTexts() {
        assertEquals("connect \"127.0.0.1:7102\": Connection refused (os error 111)", ShipFailure.connectRefused("127.0.0.1:7102"));
        assertEquals("connect \"127.0.0.1:7102\": connection timed out", ShipFailure.connectTimedOut("127.0.0.1:7102"));
        assertEquals("bad target addr \"localhost:7102\": invalid socket address syntax",
                ShipFailure.badTargetAddr("localhost:7102"));
    }

    @Test
    void socketAddrSyntaxIsStd() {
        for (String ok : List.of("127.0.0.1:7102", "10.0.0.2:6004", "0.0.0.0:0", "1.2.3.4:00080", "[::1]:7102",
                "[fe80::1%2]:80", "[::ffff:1.2.3.4]:1", "[1:2:3:4:5:6:7:8]:9")) {
            assertTrue(SocketAddrSyntax.isSocketAddr(ok), ok);
        }
        for (String bad : List.of("localhost:7102", "b", "::1:7102", "fe80::1:80", "1.2.3.4", "1.2.3:4", "01.2.3.4:5",
                "256.1.1.1:1", "1.2.3.4:65536", "1.2.3.4:", "[::1]", "[::1]7102", "[1::2::3]:4", "1.2.3.4:+5",
                "[1:2:3:4:5:6:7:8:9]:1")) {
            assertFalse(SocketAddrSyntax.isSocketAddr(bad), bad);
        }
    }

    @Test
    void aDnsTargetAbortsTheMoveWithoutConnecting() throws ConfigException {
        NodeConfig cfg = NodeConfig.parse("a", "a@10.0.0.1:16100:6004, b@kevy-b:16100:6004", "app:=a", 1);
        KevyNode a = new KevyNode("a", cfg, Variant.KEVY_54);
        List<Effect> fx = a.step(new Input.ClientCommand(0, "op", 1,
                List.of("MOVE-SCOPE", "app:", "FROM", "a", "TO", "b")));
        assertTrue(fx.stream().noneMatch(e -> e instanceof Effect.Connect), fx.toString());
        assertTrue(fx.contains(new Effect.Reply("op", 1,
                "-ERR MOVE-SCOPE ship failed: bad target addr \"kevy-b:6004\": invalid socket address syntax")), fx.toString());
        assertTrue(a.migratingSnapshot().isEmpty());
        assertTrue(a.busyShards().isEmpty());
    }
}
