package movescope.model.migration.lin;

/** How a router reads the table. */
public enum RouteMode {
    /** {@code MigrationTable.routeMatch}: two calls on the seed layout (as kevy), one atomic read on the atomic layout. */
    TABLE,
    /** {@code matchMigrating} then {@code matchMigrated} as two separate calls, on any layout. */
    TWO_CALLS
}
