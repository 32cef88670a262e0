package movescope.live.resp;

import java.io.IOException;

/** The peer sent bytes that are not RESP2. */
public final class RespProtocolException extends IOException {
    public RespProtocolException(String message) {
        super(message);
    }
}
