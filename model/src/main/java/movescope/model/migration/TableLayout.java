package movescope.model.migration;

import java.util.Locale;

/** The {@code tableLayout} variant switch (docs/vocabulary.md): {@code seed} (kevy-5.4) or {@code atomic}. */
public enum TableLayout {
    /** kevy 5.4 as built: two locks, commit window. */
    SEED,
    /** The remedy: one lock, every operation atomic. */
    ATOMIC;

    /** A fresh, empty table of this layout. */
    public MigrationTable create() {
        return switch (this) {
            case SEED -> new SeedLayoutMigrationTable();
            case ATOMIC -> new AtomicMigrationTable();
        };
    }

    /** The vocabulary spelling: {@code seed} / {@code atomic}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code seed} / {@code atomic} (case-insensitive). */
    public static TableLayout parse(String s) {
        for (TableLayout t : values()) {
            if (t.wireName().equalsIgnoreCase(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tableLayout \"" + s + "\" (expected seed or atomic)");
    }
}
