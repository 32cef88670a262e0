package movescope.model.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the vector files recorded from kevy's own crates (see each test for how they were made). */
final class OracleVectors {
    private OracleVectors() {}

    static List<String[]> lines(String resource) {
        InputStream in = OracleVectors.class.getResourceAsStream(resource);
        if (in == null) {
            throw new AssertionError("missing test resource " + resource);
        }
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) {
                    out.add(line.split(" "));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Hex (or "-" for empty) → the model's one-char-per-byte string. */
    static String unhex(String h) {
        if (h.equals("-")) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 1 < h.length(); i += 2) {
            b.append((char) Integer.parseInt(h.substring(i, i + 2), 16));
        }
        return b.toString();
    }
}
