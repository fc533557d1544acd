package dev.indexkit.packs;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.PackIndexes;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.fixtures.TestSqlite;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.Pack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every pack on real PostgreSQL and real SQLite: apply, idempotent, roll back, re-apply. */
class PackTest {

    /** One row per pack, so "rollback keeps the rows" has rows to keep. */
    private static final Map<Pack, String> SAMPLE_ROW = Map.of(
            Pack.MINA, "INSERT INTO %s.sessions (external_id, status, started_at) VALUES ('s-1', 'active', CURRENT_TIMESTAMP)",
            Pack.WHISPER, "INSERT INTO %s.users (username, role, is_active, created_at) VALUES ('ada', 'admin', true, CURRENT_TIMESTAMP)",
            Pack.TEXTLOOM, "INSERT INTO %s.personas (name, is_preset, created_at) VALUES ('narrator', true, CURRENT_TIMESTAMP)",
            Pack.GROVE, "INSERT INTO %s.groves (tenant_id, client_app_id, name, created_at) VALUES (1, 7, 'docs', CURRENT_TIMESTAMP)",
            Pack.FASTNEXT, "INSERT INTO %s.users (email, username, is_active, created_at) VALUES ('a@example.com', 'ada', true, CURRENT_TIMESTAMP)");

    @ParameterizedTest
    @EnumSource(Pack.class)
    void should_apply_idempotently_roll_back_to_the_schema_tag_and_reapply_identically_on_postgres(Pack pack) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        String schema = defaultSchema(pack);
        List<String> packIndexes = PackIndexes.names(pack);

        update(db, pack);
        Map<String, String> applied = Catalog.indexDefinitions(db, schema);
        Map<String, String> appliedTopLevel = Catalog.topLevelIndexDefinitions(db, schema);
        assertThat(applied).containsKeys(packIndexes.toArray(String[]::new));
        assertThat(Catalog.invalidIndexes(db, schema)).isEmpty();
        db.execute(SAMPLE_ROW.get(pack).formatted(schema));

        String secondRun;
        try (Connection c = db.connect()) {
            secondRun = new ChangelogRunner(c).updateSql(pack.changelog());
        }
        assertThat(secondRun).doesNotContain("CREATE INDEX", "CREATE TABLE");
        update(db, pack);
        assertThat(Catalog.indexDefinitions(db, schema)).isEqualTo(applied);

        List<String> partitionChildren = db.column("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind = 'i' AND c.relispartition AND n.nspname = '" + schema + "' AND EXISTS (SELECT 1 FROM "
                + "pg_partition_ancestors(c.oid) a JOIN pg_class p ON p.oid = a.relid WHERE p.relname IN ('"
                + String.join("', '", packIndexes) + "'))");
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).rollbackToTag(pack.changelog(), pack.schemaTag());
        }
        Set<String> expectedAfterRollback = new TreeSet<>(applied.keySet());
        packIndexes.forEach(expectedAfterRollback::remove);
        // Partition children of a pack index go with it, whatever PostgreSQL named them.
        expectedAfterRollback.removeAll(partitionChildren);
        assertThat(Catalog.indexDefinitions(db, schema).keySet()).isEqualTo(expectedAfterRollback);
        assertThat(db.scalar("SELECT count(*) FROM " + SAMPLE_ROW.get(pack).formatted(schema).split(" ")[2])).isEqualTo("1");

        update(db, pack);
        assertThat(Catalog.topLevelIndexDefinitions(db, schema)).isEqualTo(appliedTopLevel);
        assertThat(Catalog.invalidIndexes(db, schema)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Pack.class)
    void should_apply_its_portable_indexes_roll_back_and_reapply_on_sqlite(Pack pack) throws Exception {
        TestDatabase db = TestSqlite.freshDatabase();
        update(db, pack);
        Map<String, String> applied = Catalog.sqliteIndexes(db);
        List<String> portable = PackIndexes.of(pack).stream().filter(ix -> !ix.postgresOnly()).map(PackIndexes.PackIndex::name).toList();
        List<String> postgresOnly = PackIndexes.of(pack).stream().filter(PackIndexes.PackIndex::postgresOnly).map(PackIndexes.PackIndex::name).toList();
        assertThat(portable).isNotEmpty();
        assertThat(applied).containsKeys(portable.toArray(String[]::new)).doesNotContainKeys(postgresOnly.toArray(String[]::new));
        db.execute(SAMPLE_ROW.get(pack).formatted("main"));

        try (Connection c = db.connect()) {
            new ChangelogRunner(c).rollbackToTag(pack.changelog(), pack.schemaTag());
        }
        assertThat(Catalog.sqliteIndexes(db)).doesNotContainKeys(portable.toArray(String[]::new));
        assertThat(db.scalar("SELECT count(*) FROM " + SAMPLE_ROW.get(pack).formatted("main").split(" ")[2])).isEqualTo("1");

        update(db, pack);
        assertThat(Catalog.sqliteIndexes(db)).isEqualTo(applied);
    }

    @ParameterizedTest
    @EnumSource(Pack.class)
    void should_list_exactly_the_indexes_it_ships_in_its_readme_table(Pack pack) throws IOException {
        String readme = Files.readString(Path.of("changelogs", pack.id(), "README.md"));
        String table = readme.substring(readme.indexOf("| seed index |"), readme.indexOf("## Summary"));
        Set<String> shippedInReadme = new TreeSet<>();
        for (String row : table.split("\n")) {
            String[] cells = row.split("\\|");
            if (cells.length > 2) {
                Matcher m = Pattern.compile("`([a-z0-9_]+)`").matcher(cells[2]);
                while (m.find()) {
                    shippedInReadme.add(m.group(1));
                }
            }
        }
        assertThat(shippedInReadme).isEqualTo(new TreeSet<>(PackIndexes.names(pack)));
    }

    private static String defaultSchema(Pack pack) {
        return pack == Pack.TEXTLOOM ? "textloom_core" : "public";
    }

    private static void update(TestDatabase db, Pack pack) throws Exception {
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update(pack.changelog());
        }
    }
}
