package movescope.sim.engine;

/**
 * Virtual-time arithmetic that cannot wrap: a sum past {@code Long.MAX_VALUE} stays at it ("never", which
 * lies after every run's end) instead of becoming a negative time or a timeout that fires at once. The
 * loader keeps every scenario time at most 10^12 ms (ScenarioLimits), so saturation is a second line of
 * defence for sums of values drawn from distributions (exponential tails) and for direct API callers.
 */
public final class VirtualTime {
    private VirtualTime() {}

    /** {@code at + delay}, saturated at {@code Long.MAX_VALUE}; {@code delay} must be at least 0. */
    public static long after(long at, long delay) {
        if (delay < 0) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        long sum = at + delay;
        return sum < at ? Long.MAX_VALUE : sum;
    }
}
