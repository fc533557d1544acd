package dev.indexkit.internal.liquibase;

import dev.indexkit.internal.index.LockClass;
import dev.indexkit.internal.index.Timeouts;
import dev.indexkit.internal.sql.SessionSettings;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The statement lists the SQL generators answer with (support checks; update-sql prints {@link PrintedPlan}). */
final class ReviewSql {

    private ReviewSql() {
    }

    static Sql[] of(String ddl) {
        return new Sql[]{new UnparsedSql(ddl)};
    }

    /** The step under the session settings it runs with ({@link Timeouts#settingsFor}). */
    static Sql[] withTimeouts(Timeouts timeouts, LockClass lockClass, int serverMajor, String ddl) {
        Map<String, String> settings = timeouts.settingsFor(lockClass, serverMajor);
        List<Sql> out = new ArrayList<>();
        settings.forEach((name, value) -> out.add(new UnparsedSql(SessionSettings.setStatement(name, value))));
        out.add(new UnparsedSql(ddl));
        settings.keySet().forEach(name -> out.add(new UnparsedSql(SessionSettings.resetStatement(name))));
        return out.toArray(Sql[]::new);
    }
}
