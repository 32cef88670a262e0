package movescope.checker.tla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Proves the TLA+ value parser on the forms TLC 2.18 actually prints (copied from real dumps): records,
 * {@code :>}/{@code @@} functions spread over lines, TLC's record form of a function on identifier-like
 * strings, {@code << >>}, tuples, sets, model values, escapes, intervals; and that malformed text is rejected
 * with its offset. Pure, no TLC. A failure shows the text and the parsed value.
 */
class TlaValueParserTest {
    private static TlaValue str(String s) {
        return new TlaValue.Str(s);
    }

    private static TlaValue.Fcn state(String from, String to) {
        Map<TlaValue, TlaValue> m = new LinkedHashMap<>();
        m.put(str("from"), str(from));
        m.put(str("to"), str(to));
        return new TlaValue.Fcn(m);
    }

    @Test
    void functionsRecordsAndTheirEquivalence() {
        TlaValue f = TlaValueParser.parse("( \"app:\" :> [from |-> \"a\", to |-> \"b\"] @@\n  \"\" :> [to |-> \"b\", from |-> \"a\"] )");
        assertEquals(Map.of(str("app:"), state("a", "b"), str(""), state("a", "b")), f.asFunction());
        // TLC prints a function on {"q"} as a record; it must equal the :> form.
        assertEquals(TlaValueParser.parse("(\"q\" :> 1)"), TlaValueParser.parse("[q |-> 1]"));
        assertEquals(Map.of(), TlaValueParser.parse("<< >>").asFunction());
        assertEquals(Map.of(), TlaValueParser.parse("<<>>").asFunction());
    }

    @Test
    void scalarsTuplesSetsAndModelValues() {
        assertEquals(new TlaValue.Seq(List.of(str("movescope-probe"), new TlaValue.Int(-3), new TlaValue.Bool(true),
                new TlaValue.ModelValue("r1"))), TlaValueParser.parse("<< \"movescope-probe\",\n   -3, TRUE, r1 >>"));
        assertEquals(new TlaValue.SetValue(Set.of(str("a"), str("b"))), TlaValueParser.parse("{\"b\", \"a\"}"));
        assertEquals(new TlaValue.SetValue(Set.of()), TlaValueParser.parse("{}"));
        assertEquals(TlaValueParser.parse("{1, 2, 3}"), TlaValueParser.parse("1..3"));
        assertEquals(str("say \"hi\"\\\n"), TlaValueParser.parse("\"say \\\"hi\\\"\\\\\\n\""));
        assertEquals("a", TlaValueParser.parse("a").asText());
        assertEquals("a", TlaValueParser.parse("\"a\"").asText());
    }

    @Test
    void consecutiveValuesAreSplit() {
        List<TlaValue> all = TlaValueParser.parseAll("<<\"p\", << >>>>\n<< \"p\",\n   (\"x\" :> 1) >>\n");
        assertEquals(2, all.size());
        assertEquals(Map.of(str("x"), new TlaValue.Int(1)), ((TlaValue.Seq) all.get(1)).elements().get(1).asFunction());
    }

    @Test
    void malformedTextIsRejectedWithItsOffset() {
        TlaValueException e = assertThrows(TlaValueException.class, () -> TlaValueParser.parse("[a |-> 1"));
        assertTrue(e.getMessage().contains("offset 8"), e.getMessage());
        assertThrows(TlaValueException.class, () -> TlaValueParser.parse("(\"a\" :> 1 @@ \"a\" :> 2)"));
        assertThrows(TlaValueException.class, () -> TlaValueParser.parse("\"open"));
        assertThrows(TlaValueException.class, () -> TlaValueParser.parse("1 2"));
        assertThrows(TlaValueException.class, () -> TlaValueParser.parse("<<1,>>"));
    }
}
