package dev.indexkit.internal.liquibase;

import dev.indexkit.internal.index.BuildOutcome;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Remembers, in the changeset's own DATABASECHANGELOG row, that an {@code ensureIndex} found its index
 * already there (the service had it before the pack) or replaced one of another definition: its
 * rollback then keeps the index instead of dropping what the service had before the update. The
 * marker leads the row's COMMENTS (which Liquibase cuts at 250 characters), so update-sql prints it
 * in the same INSERT the run makes and a database updated by psql rolls back the same way.
 */
public final class AdoptedIndexes {

    static final String MARKER = "[indexkit: the index existed before this changeset; its rollback keeps it]";

    private AdoptedIndexes() {
    }

    /** Marks {@code changeSet} when {@code outcome} says the index was there before it. */
    public static void markIfAdopted(ChangeSet changeSet, BuildOutcome outcome) {
        if (changeSet == null || (outcome != BuildOutcome.ALREADY_PRESENT && outcome != BuildOutcome.REPLACED)) {
            return;
        }
        String comments = changeSet.getComments();
        if (comments == null || !comments.startsWith(MARKER)) {
            changeSet.setComments(comments == null || comments.isBlank() ? MARKER : MARKER + " " + comments);
        }
    }

    /**
     * Whether the recorded run of {@code changeSet} found its index already there; empty without a
     * live connection (an offline rollback-sql cannot know, and says so).
     */
    public static Optional<Boolean> adoptedBy(ChangeSet changeSet, Database database) {
        if (changeSet == null || !(database.getConnection() instanceof JdbcConnection)) {
            return Optional.empty();
        }
        String table = database.escapeTableName(database.getLiquibaseCatalogName(), database.getLiquibaseSchemaName(),
                database.getDatabaseChangeLogTableName());
        try {
            Connection connection = Connections.jdbc(database);
            try (PreparedStatement ps = connection.prepareStatement("SELECT comments FROM " + table
                    + " WHERE id = ? AND author = ? AND filename IN (?, ?)")) {
                ps.setString(1, changeSet.getId());
                ps.setString(2, changeSet.getAuthor());
                ps.setString(3, changeSet.getStoredFilePath() == null ? changeSet.getFilePath() : changeSet.getStoredFilePath());
                ps.setString(4, changeSet.getFilePath());
                try (ResultSet rs = ps.executeQuery()) {
                    return Optional.of(rs.next() && rs.getString(1) != null && rs.getString(1).startsWith(MARKER));
                }
            }
        } catch (SQLException | DatabaseException e) {
            throw new IllegalStateException("Could not read " + table + " for changeset " + changeSet.getId() + ": " + e.getMessage(), e);
        }
    }
}
