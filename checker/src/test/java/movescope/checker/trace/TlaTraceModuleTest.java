package movescope.checker.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * Proves the TLA+ string encoding of keys and prefixes is exact for ASCII, escapes what TLA+ needs, and
 * keeps distinct strings distinct (the spec compares prefixes of keys, so an encoding collision would
 * make it judge the wrong key). Pure Java; reproduce with {@code -Dtest=TlaTraceModuleTest}.
 */
class TlaTraceModuleTest {
    @Test
    void asciiIsKeptAndQuotesAndBackslashesEscaped() {
        assertEquals("\"app:billing:\"", TlaTraceModule.str("app:billing:"));
        assertEquals("\"a\\\"b\"", TlaTraceModule.str("a\"b"));
        assertEquals("\"a\\\\\\\\b\"", TlaTraceModule.str("a\\b"));
    }

    @Test
    void nonAsciiBecomesAnEscapeThatCannotCollide() {
        assertEquals("\"caf\\\\u00e9\"", TlaTraceModule.str("café"));
        // "\u00e9" typed literally (backslash, u, 0, 0, e, 9) must not equal é.
        assertNotEquals(TlaTraceModule.str("\\u00e9"), TlaTraceModule.str("é"));
        assertNotEquals(TlaTraceModule.str("a\nb"), TlaTraceModule.str("a\\nb"));
    }
}
