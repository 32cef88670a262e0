package movescope.cli.campaign;

import java.io.PrintWriter;

/**
 * The campaign's progress line: runs done of total, runs/s, failures and kinds so far, and an ETA. On a
 * terminal it is one bar redrawn in place (carriage return, at most 10 times a second); otherwise a plain
 * line every {@code every} seconds, so CI logs stay readable. Wall-clock time is read here, in the CLI,
 * never in the campaign or the simulator; nothing of it reaches the report files.
 */
final class Progress {
    private final PrintWriter err;
    private final boolean terminal;
    private final int total;
    private final long startNanos;
    private final long everyNanos;
    private long lastNanos;
    private int done;
    private int failed;
    private int kinds;
    private boolean drawn;

    Progress(PrintWriter err, boolean terminal, int total, int alreadyDone, long everySeconds) {
        this.err = err;
        this.terminal = terminal;
        this.total = total;
        this.done = alreadyDone;
        this.startNanos = System.nanoTime();
        this.everyNanos = everySeconds * 1_000_000_000L;
        this.lastNanos = startNanos;
    }

    private int doneAtStart = -1;

    void update(int doneNow, int failedNow, int kindsNow) {
        if (doneAtStart < 0) {
            doneAtStart = done;
        }
        done = doneNow;
        failed = failedNow;
        kinds = kindsNow;
        long now = System.nanoTime();
        long gap = terminal ? 100_000_000L : everyNanos;
        if (now - lastNanos >= gap || done == total) {
            lastNanos = now;
            draw(now);
        }
    }

    /** Prints a line above the bar (the bar is redrawn after it). */
    void println(PrintWriter out, String line) {
        if (terminal && drawn) {
            err.print("\r\u001b[2K");
            err.flush();
        }
        out.println(line);
        out.flush();
        if (terminal && drawn) {
            draw(System.nanoTime());
        }
    }

    void end() {
        if (terminal && drawn) {
            err.println();
            err.flush();
        }
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Runs per second of this process (resumed runs excluded). */
    double rate() {
        double s = seconds();
        return s <= 0 ? 0 : (done - Math.max(doneAtStart, 0)) / s;
    }

    private void draw(long now) {
        double rate = rate();
        long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
        String stats = String.format("%d/%d runs  %.1f runs/s  %d failed  %d kinds  ETA %s", done, total, rate, failed,
                kinds, eta < 0 ? "?" : eta / 60 + "m" + String.format("%02d", eta % 60) + "s");
        if (terminal) {
            int width = 24;
            int filled = total == 0 ? width : (int) ((long) width * done / total);
            err.print("\r\u001b[2K[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + stats);
            drawn = true;
        } else {
            err.println("progress: " + stats);
        }
        err.flush();
    }
}
