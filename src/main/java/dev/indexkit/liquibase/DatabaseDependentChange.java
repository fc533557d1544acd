package dev.indexkit.liquibase;

import dev.indexkit.internal.liquibase.IndexkitNamespace;
import liquibase.change.AbstractChange;
import liquibase.database.Database;

/**
 * What indexkit's changes share: their statements are planned against the database as it is when
 * they run, and they serialise in indexkit's XML namespace.
 */
abstract class DatabaseDependentChange extends AbstractChange {

    /**
     * The statements depend on the database as it is when the change runs (its catalog, its data), so
     * Liquibase must not generate them early: its validation and warnings otherwise plan every changeset
     * of the changelog, including ones whose preconditions skip them on this database.
     */
    @Override
    public boolean generateStatementsVolatile(Database database) {
        return true;
    }

    @Override
    public boolean generateRollbackStatementsVolatile(Database database) {
        return true;
    }

    @Override
    public String getSerializedObjectNamespace() {
        return IndexkitNamespace.URI;
    }
}
