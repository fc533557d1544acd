package dev.indexkit.internal.flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The preconditions a pack's changesets carry, evaluated as Liquibase does, without Liquibase:
 * {@code tableExists}, {@code columnExists}, and {@code and}/{@code or}/{@code not} over them. Every
 * guarded pack changeset says {@code onFail: CONTINUE}: skipped while the condition fails, tried again
 * on the next run. Anything else in a pack is refused when the definition is read, not guessed at.
 */
public sealed interface Condition {

    /** No precondition. */
    Condition NONE = new All(List.of());

    boolean holds(Connection connection) throws SQLException;

    record All(List<Condition> parts) implements Condition {
        @Override
        public boolean holds(Connection connection) throws SQLException {
            for (Condition part : parts) {
                if (!part.holds(connection)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Any(List<Condition> parts) implements Condition {
        @Override
        public boolean holds(Connection connection) throws SQLException {
            for (Condition part : parts) {
                if (part.holds(connection)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Liquibase's {@code not}: none of its parts holds. */
    record None(List<Condition> parts) implements Condition {
        @Override
        public boolean holds(Connection connection) throws SQLException {
            return !new Any(parts).holds(connection);
        }
    }

    record TableExists(String schema, String table) implements Condition {
        @Override
        public boolean holds(Connection connection) throws SQLException {
            return exists(connection, "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')", schema, table);
        }
    }

    record ColumnExists(String schema, String table, String column) implements Condition {
        @Override
        public boolean holds(Connection connection) throws SQLException {
            return exists(connection, "SELECT 1 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n "
                    + "ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND a.attname = ? AND a.attnum > 0 "
                    + "AND NOT a.attisdropped", schema, table, column);
        }
    }

    private static boolean exists(Connection connection, String sql, String... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * A changeset's {@code preConditions} list ({@code onFail: CONTINUE} and one condition tree);
     * {@code resolve} replaces the schema parameter in names.
     */
    static Condition of(Object preConditions, BiFunction<Object, String, String> resolve, String schema, String changeSet) {
        List<Condition> parts = new ArrayList<>();
        for (Object item : PackSteps.list(preConditions)) {
            Map<String, Object> entry = PackSteps.map(item);
            if (entry.containsKey("onFail")) {
                if (!"CONTINUE".equals(entry.get("onFail"))) {
                    throw new IllegalStateException("changeset " + changeSet + ": onFail " + entry.get("onFail")
                            + " has no Flyway rendering; the packs' guards say CONTINUE");
                }
            } else if (!entry.containsKey("onSqlOutput") && !entry.containsKey("onFailMessage")) {
                parts.add(parse(entry, resolve, schema, changeSet));
            }
        }
        return parts.isEmpty() ? NONE : new All(parts);
    }

    private static Condition parse(Map<String, Object> entry, BiFunction<Object, String, String> resolve, String schema, String changeSet) {
        String kind = entry.keySet().iterator().next();
        Object body = entry.get(kind);
        switch (kind) {
            case "and", "or", "not" -> {
                List<Condition> parts = new ArrayList<>();
                for (Object part : PackSteps.list(body)) {
                    parts.add(parse(PackSteps.map(part), resolve, schema, changeSet));
                }
                return kind.equals("and") ? new All(parts) : kind.equals("or") ? new Any(parts) : new None(parts);
            }
            case "tableExists" -> {
                Map<String, Object> t = PackSteps.map(body);
                return new TableExists(resolve.apply(t.get("schemaName"), schema), String.valueOf(t.get("tableName")));
            }
            case "columnExists" -> {
                Map<String, Object> c = PackSteps.map(body);
                return new ColumnExists(resolve.apply(c.get("schemaName"), schema), String.valueOf(c.get("tableName")),
                        String.valueOf(c.get("columnName")));
            }
            default -> throw new IllegalStateException("changeset " + changeSet + ": precondition " + kind
                    + " has no Flyway rendering (tableExists, columnExists, and, or, not)");
        }
    }
}
