package movescope.sim.scenario.json;

/**
 * The reading layer's limits, each documented in docs/scenario-format.md ("Limits"). They keep a hostile
 * file from costing more than a few megabytes or milliseconds before it is refused with a location.
 */
public final class Limits {
    /** Largest scenario file read, in bytes (the biggest corpus file is a few kilobytes). */
    public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    /** Deepest nesting of objects and arrays (scenarios need five or six levels). */
    public static final int MAX_DEPTH = 32;
    /** Longest string value or field name, in UTF-16 units. */
    public static final int MAX_STRING_CHARS = 65_536;
    /** Longest number as written (digits, sign, point and exponent together). */
    public static final int MAX_NUMBER_CHARS = 40;
    /** Most elements in one array and most fields in one object. */
    public static final int MAX_ELEMENTS = 100_000;

    /** Largest trace or run report that trace-check reads, in bytes. */
    public static final int MAX_TRACE_BYTES = 256 * 1024 * 1024;

    private Limits() {}
}
