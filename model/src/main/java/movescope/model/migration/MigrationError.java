package movescope.model.migration;

/** Why {@link MigrationTable#start} refused; {@link #text()} is kevy-scope's Display text, verbatim. */
public enum MigrationError {
    /** The prefix is already in MIGRATING. */
    ALREADY_MIGRATING("migration for this prefix is already in flight"),
    /** The prefix is already in MIGRATED. */
    ALREADY_MIGRATED("prefix has already been migrated");

    private final String text;

    MigrationError(String text) {
        this.text = text;
    }

    /** kevy's exact text, as it appears after {@code -ERR MOVE-SCOPE: }. */
    public String text() {
        return text;
    }
}
