package movescope.live.resp;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RESP2 from a stream: replies ({@link #readValue}) on the client side, commands
 * ({@link #readCommand}: an array of bulk strings, or an inline line as telnet sends it) on the server side.
 * Sizes are bounded so a garbage stream cannot make it allocate without limit.
 */
public final class RespReader {
    /** Redis's own default proto-max-bulk-len is 512 MB; a MOVE-SCOPE-INGEST bulk of 100 k keys is a few MB. */
    public static final int MAX_BULK = 256 * 1024 * 1024;
    public static final int MAX_LINE = 64 * 1024;
    public static final int MAX_ARRAY = 1 << 20;

    private final InputStream in;

    public RespReader(InputStream in) {
        this.in = in;
    }

    /** The next command, or null at a clean end of stream. */
    public List<String> readCommand() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        if (first == '*') {
            int n = (int) parseLong(readLine());
            if (n < 0 || n > MAX_ARRAY) {
                throw new RespProtocolException("bad multibulk length " + n);
            }
            List<String> args = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int t = in.read();
                if (t != '$') {
                    throw new RespProtocolException("expected '$', got " + describe(t));
                }
                String b = readBulkBody();
                if (b == null) {
                    throw new RespProtocolException("null bulk in a command");
                }
                args.add(b);
            }
            return args;
        }
        // Inline command: the rest of the line, split on whitespace (redis-server accepts these too).
        String line = ((char) first) + readLine();
        List<String> args = new ArrayList<>();
        for (String p : line.trim().split("\\s+")) {
            if (!p.isEmpty()) {
                args.add(p);
            }
        }
        return args;
    }

    /** The next reply, or null at a clean end of stream (before its first byte). */
    public RespValue readValue() throws IOException {
        int t = in.read();
        if (t < 0) {
            return null;
        }
        return readValueAfter(t);
    }

    private RespValue readValueAfter(int t) throws IOException {
        switch (t) {
            case '+':
                return new RespValue.Simple(readLine());
            case '-':
                return new RespValue.Error(readLine());
            case ':':
                return new RespValue.Int(parseLong(readLine()));
            case '$':
                return new RespValue.Bulk(readBulkBody());
            case '*': {
                long n = parseLong(readLine());
                if (n < 0) {
                    return new RespValue.Array(null);
                }
                if (n > MAX_ARRAY) {
                    throw new RespProtocolException("array too long: " + n);
                }
                List<RespValue> els = new ArrayList<>((int) n);
                for (int i = 0; i < n; i++) {
                    int c = in.read();
                    if (c < 0) {
                        throw new EOFException("end of stream inside an array");
                    }
                    els.add(readValueAfter(c));
                }
                return new RespValue.Array(els);
            }
            default:
                throw new RespProtocolException("unexpected type byte " + describe(t));
        }
    }

    private String readBulkBody() throws IOException {
        long n = parseLong(readLine());
        if (n < 0) {
            return null;
        }
        if (n > MAX_BULK) {
            throw new RespProtocolException("bulk too long: " + n);
        }
        byte[] b = in.readNBytes((int) n);
        if (b.length != n) {
            throw new EOFException("end of stream inside a bulk");
        }
        if (in.read() != '\r' || in.read() != '\n') {
            throw new RespProtocolException("bulk not terminated by CRLF");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A line up to CRLF (a bare LF is accepted, as redis-server does for inline commands). */
    private String readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("end of stream inside a line");
            }
            if (c == '\n') {
                break;
            }
            buf.write(c);
            if (buf.size() > MAX_LINE) {
                throw new RespProtocolException("line too long");
            }
        }
        byte[] b = buf.toByteArray();
        int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        return new String(b, 0, len, StandardCharsets.UTF_8);
    }

    private static long parseLong(String s) throws RespProtocolException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new RespProtocolException("expected an integer, got \"" + s + "\"");
        }
    }

    private static String describe(int c) {
        return c < 0 ? "end of stream" : "'" + (char) c + "' (" + c + ")";
    }
}
