package movescope.model.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** MOVE-SCOPE-INGEST's bulk parsing, case by case from kevy-resp request.rs and scope_move_ingest.rs. */
class IngestParserTest {
    private static final String SET_A = "*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n";

    private static List<List<String>> ok(String bulk) {
        IngestParser.Result r = IngestParser.parse(bulk);
        assertFalse(r.malformed(), () -> "malformed: " + r.detail());
        return r.commands();
    }

    @Test
    void inlineCommandsNeedACrlf() {
        assertEquals(List.of(), ok("garbage"), "no CRLF: need more, +OK 0 (request.rs:82-94)");
        assertEquals(List.of(List.of("garbage")), ok("garbage\r\n"));
        assertEquals(List.of(List.of("SET", "a", "1")), ok("SET a 1\r\n"));
        assertEquals(List.of(List.of("SET", "a", "1")), ok("  SET\ta\f 1 \r\n"), "split on ASCII whitespace");
        assertEquals(List.of(List.of("SET", "a\u000b1")), ok("SET a\u000b1\r\n"), "VT is not ASCII whitespace in Rust");
        assertEquals(List.of(List.of("a", "b")), ok("a\nb\r\n"), "a bare LF inside the line splits");
    }

    @Test
    void emptyCommandsAreSkipped() {
        assertEquals(List.of(List.of("SET", "a", "1")), ok("\r\n   \r\n*0\r\n*-1\r\n*-7\r\n" + SET_A));
    }

    @Test
    void parsingStopsAtTheFirstIncompleteCommand() {
        assertEquals(List.of(List.of("SET", "a", "1")), ok(SET_A + SET_A.substring(0, SET_A.length() - 1)));
        assertEquals(List.of(), ok("*3\r\n$3\r\nSET\r\n$100\r\na\r\n" + SET_A),
                "a declared length that runs past the end swallows the later frame");
        assertEquals(List.of(List.of("SET", "a", "1")), ok(SET_A + "*3"), "a header without CRLF");
        assertEquals(List.of(List.of("SET", "a", "1")), ok(SET_A + "*2\r\n$3\r\nGET\r\n"), "too few elements");
        assertEquals(List.of(List.of("SET", "a", "1")), ok(SET_A + "*1\r\n$3"), "a length header without CRLF");
    }

    @Test
    void leadingPlusIsALength() {
        assertEquals(List.of(List.of("PING")), ok("*+1\r\n$+4\r\nPING\r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*x\r\n", "*\r\n", "*1048577\r\n", "*1\r\nPING\r\n", "*1\r\n$x\r\nPING\r\n",
            "*1\r\n$-1\r\n", "*1\r\n$536870913\r\n", "*1\r\n$4\r\nPINGxx\r\n", "*1\r\n$\r\n", "*1\r\n$+\r\n",
            "*99999999999999999999\r\n"})
    void malformedCases(String tail) {
        IngestParser.Result r = IngestParser.parse(SET_A + tail);
        assertTrue(r.malformed(), tail);
        assertEquals(List.of(List.of("SET", "a", "1")), r.commands(), "the commands before it were applied");
    }

    @Test
    void limitsAreInclusive() {
        assertFalse(IngestParser.parse("*1048576\r\n").malformed(), "exactly the limit: need more");
        assertFalse(IngestParser.parse("*1\r\n$536870912\r\n").malformed());
    }

    @Test
    void bytesAreCharsOneToOne() {
        // A non-UTF-8 byte (0xFF) and CR/LF inside a bulk round-trip: lengths count bytes.
        assertEquals(List.of(List.of("SET", "k\u00ff", "a\r\nb")), ok("*3\r\n$3\r\nSET\r\n$2\r\nk\u00ff\r\n$4\r\na\r\nb\r\n"));
    }
}
