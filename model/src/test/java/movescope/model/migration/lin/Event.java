package movescope.model.migration.lin;

/**
 * One completed operation in a concurrent history: which thread ran it, what it returned, and when it was
 * invoked and returned on a logical clock shared by all threads (so "a returned before b was invoked" is
 * {@code a.response() < b.invoke()}).
 */
public record Event(int thread, LinOp op, Object result, long invoke, long response) {
    public Event {
        if (response <= invoke) {
            throw new IllegalArgumentException("response " + response + " not after invoke " + invoke);
        }
    }

    @Override
    public String toString() {
        return "T" + thread + " [" + invoke + "," + response + "] " + op + " → " + render(result);
    }

    static String render(Object result) {
        return String.valueOf(result).replace("MigrationState", "").replace("Optional", "");
    }
}
