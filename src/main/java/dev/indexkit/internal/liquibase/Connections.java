package dev.indexkit.internal.liquibase;

import liquibase.database.Database;
import liquibase.database.DatabaseConnection;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;

import java.sql.Connection;

/** The JDBC connection behind a Liquibase {@link Database}. */
public final class Connections {

    private Connections() {
    }

    public static Connection jdbc(Database database) throws DatabaseException {
        DatabaseConnection connection = database.getConnection();
        if (connection instanceof JdbcConnection jdbc) {
            return jdbc.getUnderlyingConnection();
        }
        throw new DatabaseException("indexkit needs a live JDBC connection to build indexes, not "
                + (connection == null ? "none" : connection.getClass().getSimpleName())
                + "; use update-sql to only print the SQL");
    }
}
