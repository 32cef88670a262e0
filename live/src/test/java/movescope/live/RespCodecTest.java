package movescope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import movescope.live.resp.RespProtocolException;
import movescope.live.resp.RespReader;
import movescope.live.resp.RespValue;
import movescope.live.resp.RespWriter;
import movescope.live.resp.WireText;
import org.junit.jupiter.api.Test;

/** RESP2 encoding and the model's reply text, both ways. */
class RespCodecTest {
    private static RespReader reader(String s) {
        return new RespReader(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void commandsRoundTripAndInlineCommandsSplitOnSpaces() throws Exception {
        List<String> cmd = List.of("SET", "k", "a b\r\nc", "");
        RespReader r = new RespReader(new ByteArrayInputStream(RespWriter.command(cmd)));
        assertEquals(cmd, r.readCommand());
        assertNull(r.readCommand());
        assertEquals(List.of("GET", "k"), reader("GET  k\r\n").readCommand());
    }

    @Test
    void malformedInputIsAProtocolError() {
        assertThrows(RespProtocolException.class, () -> reader("*1\r\n:3\r\n").readCommand());
        assertThrows(RespProtocolException.class, () -> reader("*x\r\n").readCommand());
        assertThrows(RespProtocolException.class, () -> reader("?\r\n").readValue());
    }

    @Test
    void everyReplyShapeRoundTripsThroughTheModelsText() throws Exception {
        List<String> texts = List.of("+OK", "+OK 12", "-MISDIRECTED writer is 10.0.0.2:6004", "-ERR a, b]", ":-3",
                "\"v1\"", "\"a\\\"b\\\\c\\n\\x01\"", "(nil)", "[]", "[\"a\", \"b\"]", "[\"x\", :1, (nil), [\"y\"]]");
        for (String t : texts) {
            RespValue v = WireText.parse(t);
            assertEquals(t, WireText.render(v), t);
            RespValue back = reader(new String(RespWriter.value(v), StandardCharsets.UTF_8)).readValue();
            assertEquals(v, back, t);
        }
        assertEquals(new RespValue.Bulk("a\"b\\c\n\u0001"), WireText.parse("\"a\\\"b\\\\c\\n\\x01\""));
        assertThrows(IllegalArgumentException.class, () -> WireText.parse("\"open"));
        assertThrows(IllegalArgumentException.class, () -> WireText.parse("[\"a\" \"b\"]"));
    }
}
