package movescope.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import movescope.gen.Gen;
import movescope.gen.Property;
import org.junit.jupiter.api.Test;

/**
 * Proves FrameCodec is binary-safe (any content round-trips, by property), drops a truncated last frame
 * like kevy, and rejects framing errors with MalformedBulkException. A property failure prints its seed;
 * reproduce with {@code mvn -pl model test -Dtest=FrameCodecTest#<method> -Dmovescope.seed=N}.
 */
class FrameCodecTest {

    /** Strings over an alphabet rich in framing characters, so the codec cannot rely on delimiters. */
    static final Gen<String> NASTY = Gen.listOf(Gen.elements("a", "*", "$", "\r", "\n", "\r\n", "1", "-", " ", "é", "\u0000"))
            .map(parts -> String.join("", parts));

    static final Gen<List<List<String>>> FRAMES = Gen.listOf(Gen.listOf(NASTY, 0, 6), 0, 8);

    @Test
    void roundTripIsIdentity() {
        Property.forAll(FRAMES).trials(500).verify(frames ->
                assertEquals(frames, FrameCodec.decode(FrameCodec.encode(frames))));
    }

    @Test
    void anyTruncationOfTheLastFrameDropsExactlyThatFrame() {
        Property.forAll(Gen.listOf(Gen.listOf(NASTY, 1, 4), 1, 5)).trials(200).verify(frames -> {
            String whole = FrameCodec.encode(frames);
            String allButLast = FrameCodec.encode(frames.subList(0, frames.size() - 1));
            for (int cut = allButLast.length() + 1; cut < whole.length(); cut++) {
                assertEquals(frames.subList(0, frames.size() - 1), FrameCodec.decode(whole.substring(0, cut)),
                        "cut at " + cut + " of " + whole.length());
            }
        });
    }

    @Test
    void encodingIsResp() {
        assertEquals("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\na\n\r\n*0\r\n",
                FrameCodec.encode(List.of(List.of("SET", "k", "a\n"), List.of())));
        assertEquals(List.of(), FrameCodec.decode(""));
    }

    @Test
    void framingErrorsAreMalformed() {
        for (String bad : List.of("x", "*a\r\n", "*1\r\n#1\r\nx\r\n", "*1\r\n$1\r\nxy\r\n", "*1\n", "*-1\r\n",
                "*1\r\n$-2\r\nab\r\n", "*1\r\n$1\r\nx\rX", "*99999999999\r\n", "*\r\n")) {
            assertThrows(MalformedBulkException.class, () -> FrameCodec.decode(bad), bad);
        }
        // a good frame followed by garbage is still malformed, not truncated
        String good = FrameCodec.encode(List.of(List.of("SET", "k", "v")));
        assertThrows(MalformedBulkException.class, () -> FrameCodec.decode(good + "garbage"));
    }

    @Test
    void truncatedLastFrameIsIgnored() {
        String two = FrameCodec.encode(List.of(List.of("SET", "a", "1"), List.of("SET", "b", "2")));
        assertEquals(List.of(List.of("SET", "a", "1")), FrameCodec.decode(two.substring(0, two.length() - 1)));
        assertEquals(List.of(List.of("SET", "a", "1")), FrameCodec.decode(two.substring(0, two.length() - 6)));
        assertEquals(List.of(), FrameCodec.decode("*2"));
        assertEquals(List.of(), FrameCodec.decode("*2\r"));
    }
}
