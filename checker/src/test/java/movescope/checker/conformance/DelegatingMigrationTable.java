package movescope.checker.conformance;

import java.util.Optional;
import java.util.SortedMap;
import movescope.model.migration.MigrationError;
import movescope.model.migration.MigrationState;
import movescope.model.migration.MigrationTable;
import movescope.model.migration.TableLayout;

/**
 * Test support: a {@link MigrationTable} that forwards every call to a real one, so a test can override one
 * method to plant a bug ({@code AtomicMigrationTable} is final). {@code routeMatch} is left to the interface's
 * default, which goes through the (possibly overridden) {@code match*} methods.
 */
class DelegatingMigrationTable implements MigrationTable {
    final MigrationTable delegate;

    DelegatingMigrationTable(MigrationTable delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<MigrationError> start(String prefix, String from, String to) {
        return delegate.start(prefix, from, to);
    }

    @Override
    public Optional<MigrationState> commit(String prefix) {
        return delegate.commit(prefix);
    }

    @Override
    public Optional<MigrationState> abort(String prefix) {
        return delegate.abort(prefix);
    }

    @Override
    public Optional<MigrationState> lookupMigrating(String prefix) {
        return delegate.lookupMigrating(prefix);
    }

    @Override
    public Optional<MigrationState> lookupMigrated(String prefix) {
        return delegate.lookupMigrated(prefix);
    }

    @Override
    public Optional<MigrationState> matchMigrating(String key) {
        return delegate.matchMigrating(key);
    }

    @Override
    public Optional<MigrationState> matchMigrated(String key) {
        return delegate.matchMigrated(key);
    }

    @Override
    public SortedMap<String, MigrationState> migratingSnapshot() {
        return delegate.migratingSnapshot();
    }

    @Override
    public SortedMap<String, MigrationState> migratedSnapshot() {
        return delegate.migratedSnapshot();
    }

    @Override
    public TableLayout layout() {
        return delegate.layout();
    }
}
