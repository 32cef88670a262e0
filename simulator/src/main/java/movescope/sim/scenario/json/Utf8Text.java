package movescope.sim.scenario.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import movescope.sim.scenario.ScenarioException;

/**
 * Decodes a scenario file's bytes as strict UTF-8, refusing the first bad byte with its line and column
 * (and its byte offset), so a file saved as UTF-16 or Latin-1 is named for what it is instead of failing
 * deep inside the JSON parser. A UTF-8 byte-order mark is skipped; UTF-16/32 marks and NUL bytes are
 * refused (JSON text never contains a raw NUL).
 */
final class Utf8Text {
    private Utf8Text() {}

    static String decode(byte[] bytes, String file) throws ScenarioException {
        int start = 0;
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new ScenarioException(file, 1, 1, "",
                    "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8");
        }
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            start = 3;
        }
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                int[] lc = lineColumn(bytes, start, i);
                throw new ScenarioException(file, lc[0], lc[1], "", "a NUL byte at byte offset " + i
                        + " (is the file UTF-16 or binary?); expected UTF-8 text");
            }
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start + 1);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            int[] lc = lineColumn(bytes, start, at);
            throw new ScenarioException(file, lc[0], lc[1], "", String.format(
                    "invalid UTF-8: byte 0x%02X at byte offset %d does not start or continue a UTF-8 character;"
                            + " save the file as UTF-8", bytes[at] & 0xFF, at));
        }
        out.flip();
        return out.toString();
    }

    /** 1-based line and column (in characters) of the byte at {@code offset}, decoding only what precedes it. */
    private static int[] lineColumn(byte[] bytes, int start, int offset) {
        int line = 1;
        int lineStart = start;
        for (int i = start; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = 1;
        for (int i = lineStart; i < offset; i++) {
            // count characters: every byte that is not a UTF-8 continuation byte starts one
            if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return new int[] {line, column};
    }

}
