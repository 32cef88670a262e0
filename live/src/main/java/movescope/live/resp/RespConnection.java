package movescope.live.resp;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * A minimal blocking RESP2 client connection: one request, one reply. Every read has a timeout, so a
 * server that never answers cannot hang the caller.
 */
public final class RespConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final RespReader in;
    private final BufferedInputStream raw;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.raw = new BufferedInputStream(socket.getInputStream());
        this.in = new RespReader(raw);
    }

    /** {@code addr} is {@code host:port}. */
    public static RespConnection open(String addr, int connectTimeoutMs, int readTimeoutMs) throws IOException {
        int colon = addr.lastIndexOf(':');
        if (colon < 0) {
            throw new IOException("not host:port: \"" + addr + "\"");
        }
        int port;
        try {
            port = Integer.parseInt(addr.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IOException("not host:port: \"" + addr + "\"");
        }
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(addr.substring(0, colon), port), connectTimeoutMs);
            s.setSoTimeout(readTimeoutMs);
            s.setTcpNoDelay(true);
            return new RespConnection(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Whether the server closed this idle connection (e.g. its process restarted): a 1 ms peek that sees
     * end of stream. Unread bytes, if any, stay in the buffer.
     */
    public boolean peerClosed() {
        int saved;
        try {
            saved = socket.getSoTimeout();
        } catch (IOException e) {
            return true;
        }
        try {
            socket.setSoTimeout(1);
            raw.mark(1);
            int b = raw.read();
            if (b < 0) {
                return true;
            }
            raw.reset();
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            try {
                socket.setSoTimeout(saved);
            } catch (IOException e) {
                // the next call reports the broken socket
            }
        }
    }

    public void setReadTimeout(int ms) throws IOException {
        socket.setSoTimeout(ms);
    }

    public RespValue call(List<String> args) throws IOException {
        out.write(RespWriter.command(args));
        out.flush();
        return read();
    }

    /** Sends without reading (pipelining); read the replies with {@link #read()} in order. */
    public void send(List<String> args) throws IOException {
        out.write(RespWriter.command(args));
    }

    public void flush() throws IOException {
        out.flush();
    }

    public RespValue read() throws IOException {
        RespValue v = in.readValue();
        if (v == null) {
            throw new EOFException("server closed connection");
        }
        return v;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
