package movescope.live.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import movescope.live.adapter.ModelNode;
import movescope.live.adapter.NodeInput;
import movescope.live.resp.RespWriter;

/**
 * The source's ship connection of one MOVE-SCOPE, as kevy makes it (kevy-move-scope.md §4): a TCP connect
 * to the target's client port (10 s), one {@code MOVE-SCOPE-INGEST <prefix> <bulk>} request, then ONE read
 * of at most 256 bytes for the reply line (60 s). The model keeps its own connect and read timers, so a
 * socket timeout here only ends the thread; the model's timer produces the abort. Every outcome is posted
 * to the loop as a {@link NodeInput}.
 */
final class ShipLink {
    interface Sink {
        void post(NodeInput in);

        long now();
    }

    private final String moveId;
    private final Sink sink;
    private final LinkedBlockingQueue<List<String>> toSend = new LinkedBlockingQueue<>(1);
    private volatile Socket socket;
    private volatile int eintr;

    ShipLink(String moveId, Sink sink) {
        this.moveId = moveId;
        this.sink = sink;
    }

    /** Connects to {@code host:port} on a thread of its own; {@code eintrFirstRead} plants a spurious EINTR. */
    void start(String host, int port, long timeoutMs, boolean eintrFirstRead) {
        this.eintr = eintrFirstRead ? 1 : 0;
        Thread t = new Thread(() -> run(host, port, timeoutMs), "movescope-ship-" + moveId);
        t.setDaemon(true);
        t.start();
    }

    void send(List<String> args) {
        toSend.offer(args);
    }

    void close() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }
        toSend.offer(List.of());
    }

    private void run(String host, int port, long timeoutMs) {
        Socket s = new Socket();
        socket = s;
        try {
            try {
                // A little beyond the model's own 10 s timer, so the model's timer decides.
                s.connect(new InetSocketAddress(host, port), (int) timeoutMs + 1000);
            } catch (SocketTimeoutException e) {
                return;
            } catch (ConnectException e) {
                sink.post(new NodeInput.ConnectResult(sink.now(), moveId, false, null));
                return;
            } catch (IOException e) {
                sink.post(new NodeInput.ConnectResult(sink.now(), moveId, false, String.valueOf(e.getMessage())));
                return;
            }
            sink.post(new NodeInput.ConnectResult(sink.now(), moveId, true, null));
            List<String> args = toSend.take();
            if (args.isEmpty()) {
                return;
            }
            OutputStream out = s.getOutputStream();
            out.write(RespWriter.command(args));
            out.flush();
            sink.post(new NodeInput.SendComplete(sink.now(), moveId));
            if (eintr > 0) {
                sink.post(new NodeInput.PeerError(sink.now(), moveId, ModelNode.INTERRUPTED));
                return;
            }
            s.setSoTimeout((int) ModelNode.READ_TIMEOUT_MS + 1000);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[256];
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                return;
            }
            if (n < 0) {
                sink.post(new NodeInput.PeerError(sink.now(), moveId, ModelNode.CONNECTION_CLOSED));
                return;
            }
            String line = new String(buf, 0, n, StandardCharsets.UTF_8);
            int cr = line.indexOf("\r\n");
            sink.post(new NodeInput.PeerReply(sink.now(), moveId, cr >= 0 ? line.substring(0, cr) : line));
        } catch (IOException e) {
            sink.post(new NodeInput.PeerError(sink.now(), moveId, ModelNode.CONNECTION_CLOSED));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                s.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
