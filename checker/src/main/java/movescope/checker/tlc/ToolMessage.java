package movescope.checker.tlc;

import java.util.Objects;

/**
 * One {@code @!@!@STARTMSG code:class @!@!@ ... @!@!@ENDMSG code @!@!@} block of TLC's {@code -tool} output.
 *
 * @param code     TLC's message code ({@code tlc2.output.EC})
 * @param severity TLC's message class: 0 info, 1 error, 2 TLC bug, 3 warning, 4 state
 * @param body     the text inside the block, without nested blocks, lines joined by {@code \n}, trimmed
 * @param sequence position of the block's start among all blocks (nested blocks are flattened)
 */
public record ToolMessage(int code, int severity, String body, int sequence) {
    public static final int SEVERITY_ERROR = 1;
    public static final int SEVERITY_TLC_BUG = 2;

    public ToolMessage {
        Objects.requireNonNull(body, "body");
    }
}
