package movescope.live.resp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes RESP2: commands as arrays of bulk strings, replies as any value. */
public final class RespWriter {
    private RespWriter() {
    }

    public static byte[] command(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ascii(out, "*" + args.size() + "\r\n");
        for (String a : args) {
            bulk(out, a);
        }
        return out.toByteArray();
    }

    public static byte[] value(RespValue v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, v);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, RespValue v) {
        if (v instanceof RespValue.Simple s) {
            line(out, "+", s.text());
        } else if (v instanceof RespValue.Error e) {
            line(out, "-", e.message());
        } else if (v instanceof RespValue.Int i) {
            ascii(out, ":" + i.value() + "\r\n");
        } else if (v instanceof RespValue.Bulk b) {
            if (b.value() == null) {
                ascii(out, "$-1\r\n");
            } else {
                bulk(out, b.value());
            }
        } else if (v instanceof RespValue.Array a) {
            if (a.elements() == null) {
                ascii(out, "*-1\r\n");
            } else {
                ascii(out, "*" + a.elements().size() + "\r\n");
                for (RespValue e : a.elements()) {
                    write(out, e);
                }
            }
        }
    }

    /** A simple string or error must not contain CR or LF; they are replaced by spaces as Redis does. */
    private static void line(ByteArrayOutputStream out, String type, String text) {
        String safe = text.replace('\r', ' ').replace('\n', ' ');
        byte[] b = (type + safe + "\r\n").getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }

    private static void bulk(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ascii(out, "$" + b.length + "\r\n");
        out.write(b, 0, b.length);
        ascii(out, "\r\n");
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        out.write(b, 0, b.length);
    }
}
