package dev.indexkit.internal.liquibase;

import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.core.SQLiteDatabase;

/** The databases indexkit's change types build on. */
public enum Dialect {
    POSTGRESQL, SQLITE, UNSUPPORTED;

    public static Dialect of(Database database) {
        if (database instanceof PostgresDatabase) {
            return POSTGRESQL;
        }
        if (database instanceof SQLiteDatabase) {
            return SQLITE;
        }
        return UNSUPPORTED;
    }
}
