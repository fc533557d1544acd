package dev.indexkit.internal.index;

import dev.indexkit.internal.sql.Identifiers;

import java.util.stream.Collectors;

/** The DDL text for an {@link IndexDefinition}, per database. */
public final class IndexSql {

    private IndexSql() {
    }

    /**
     * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] IF NOT EXISTS "ix" ON [ONLY] "s"."t" USING m (...)
     * [INCLUDE (...)] [WHERE (...)]}. The predicate sits in parentheses exactly as {@code FragmentCheck}
     * had the server parse it. The index name is not schema-qualified: PostgreSQL always puts an
     * index in its table's schema.
     */
    public static String createPostgres(IndexDefinition d, boolean concurrently, boolean onlyParent) {
        return "CREATE " + (d.unique() ? "UNIQUE " : "") + "INDEX " + (concurrently ? "CONCURRENTLY " : "")
                + "IF NOT EXISTS " + Identifiers.quote(d.name()) + " ON " + (onlyParent ? "ONLY " : "")
                + d.qualifiedTable() + " USING " + d.method().sqlName() + " (" + keys(d, true) + ")"
                + (d.include().isEmpty() ? "" : " INCLUDE (" + d.include().stream().map(Identifiers::quote)
                .collect(Collectors.joining(", ")) + ")")
                + (d.where() == null ? "" : " WHERE (" + d.where() + ")");
    }

    public static String dropPostgres(String schema, String name, boolean concurrently) {
        return "DROP INDEX " + (concurrently ? "CONCURRENTLY " : "") + "IF EXISTS " + Identifiers.qualified(schema, name);
    }

    /** SQLite: no schema (one file is one database here), no method, opclass or INCLUDE. */
    public static String createSqlite(IndexDefinition d) {
        return "CREATE " + (d.unique() ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " + Identifiers.quote(d.name())
                + " ON " + Identifiers.quote(d.table()) + " (" + keys(d, false) + ")"
                + (d.where() == null ? "" : " WHERE " + d.where());
    }

    public static String dropSqlite(String name) {
        return "DROP INDEX IF EXISTS " + Identifiers.quote(name);
    }

    private static String keys(IndexDefinition d, boolean withOpclass) {
        return d.keys().stream().map(k -> k.render(withOpclass)).collect(Collectors.joining(", "));
    }
}
