package dev.indexkit.liquibase;

import dev.indexkit.index.BuildOutcome;
import liquibase.exception.DatabaseException;

import java.sql.SQLException;
import java.util.function.Consumer;

/** Runs a builder call and turns its failures into the {@link DatabaseException} Liquibase reports. */
final class StatementRunner {

    interface Work {
        BuildOutcome run() throws SQLException, DatabaseException;
    }

    private StatementRunner() {
    }

    static void run(Work work, Consumer<BuildOutcome> onDone) throws DatabaseException {
        try {
            onDone.accept(work.run());
        } catch (SQLException e) {
            throw new DatabaseException(e.getMessage(), e);
        } catch (RuntimeException e) {
            // IndexBuildException and friends carry the message a person needs; keep it first.
            throw new DatabaseException(e.getMessage(), e);
        }
    }
}
