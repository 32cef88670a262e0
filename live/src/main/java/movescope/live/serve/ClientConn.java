package movescope.live.serve;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.TreeMap;
import movescope.live.resp.RespProtocolException;
import movescope.live.resp.RespReader;
import movescope.live.resp.RespValue;
import movescope.live.resp.RespWriter;
import movescope.live.resp.WireText;

/**
 * One client connection of a served node (one connection = one client of the model). A reader thread
 * parses RESP commands and posts them to the loop; replies are written in request order even when the
 * model answers a later request first (a command queued behind a busy shard), as a RESP client expects.
 */
final class ClientConn {
    private final String id;
    private final Socket socket;
    private final OutputStream out;
    private final TreeMap<Long, String> pending = new TreeMap<>();
    private long nextReqId = 1;
    private long nextToWrite = 1;

    ClientConn(String id, Socket socket) throws IOException {
        this.id = id;
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    String id() {
        return id;
    }

    /** Loop thread: the id of the next request. */
    long nextReqId() {
        return nextReqId++;
    }

    /** Starts the reader; {@code onCommand} and {@code onClose} are posted to the loop by the caller. */
    void startReader(EventLoop loop, Handler h) {
        Thread t = new Thread(() -> {
            try {
                RespReader r = new RespReader(new BufferedInputStream(socket.getInputStream()));
                List<String> args;
                while ((args = r.readCommand()) != null) {
                    if (args.isEmpty()) {
                        continue;
                    }
                    List<String> a = args;
                    loop.post(() -> h.onCommand(this, a));
                }
            } catch (RespProtocolException e) {
                String msg = "ERR Protocol error: " + e.getMessage();
                loop.post(() -> {
                    writeRaw(RespWriter.value(new RespValue.Error(msg)));
                    close();
                });
            } catch (IOException e) {
                // closed by us or by the peer: nothing more to read
            }
            loop.post(() -> h.onClose(this));
        }, "movescope-serve-conn-" + id);
        t.setDaemon(true);
        t.start();
    }

    interface Handler {
        void onCommand(ClientConn c, List<String> args);

        void onClose(ClientConn c);
    }

    /** Loop thread: the model's reply for {@code reqId}; written once every earlier one has been. */
    void reply(long reqId, String wire) {
        pending.put(reqId, wire);
        while (!pending.isEmpty() && pending.firstKey() == nextToWrite) {
            String w = pending.pollFirstEntry().getValue();
            nextToWrite++;
            RespValue v;
            try {
                v = WireText.parse(w);
            } catch (IllegalArgumentException e) {
                v = new RespValue.Error("ERR movescope serve: cannot encode reply " + w);
            }
            writeRaw(RespWriter.value(v));
        }
    }

    /** Replies that do not come from the model (serve's own errors) take the next slot in order. */
    void replyNow(long reqId, RespValue v) {
        reply(reqId, WireText.render(v));
    }

    private void writeRaw(byte[] b) {
        try {
            out.write(b);
            out.flush();
        } catch (IOException e) {
            close();
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
