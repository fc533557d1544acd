package dev.indexkit.liquibase;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.FilteredChangelog;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contexts, labels and changelog paths of {@link ChangelogRunner}, on a service's own changelog. */
class ChangelogRunnerTest {

    @TempDir
    Path dir;

    @Test
    void should_update_print_and_roll_back_only_the_changesets_the_contexts_and_labels_select() throws Exception {
        TestDatabase db = itemsDatabase();
        String changelog = write(dir.resolve("changelog.yaml"), FilteredChangelog.YAML);
        try (Connection c = db.connect()) {
            String blueSql = new ChangelogRunner(c).contexts("blue").updateSql(changelog);
            assertThat(blueSql).contains("\"ix_items_a\"").doesNotContain("\"ix_items_b\"");
            assertThat(new ChangelogRunner(c).labels("y").updateSql(changelog)).contains("\"ix_items_b\"")
                    .doesNotContain("\"ix_items_a\"");
            assertThat(Catalog.indexDefinitions(db, "public")).as("update-sql applies nothing").isEmpty();

            new ChangelogRunner(c).contexts("blue").update(changelog);
            assertThat(Catalog.indexDefinitions(db, "public")).containsOnlyKeys("ix_items_a");
            assertThat(db.column("SELECT id FROM databasechangelog ORDER BY orderexecuted")).containsExactly("start", "blue-index");

            new ChangelogRunner(c).labels("y").update(changelog);
            assertThat(Catalog.indexDefinitions(db, "public")).containsOnlyKeys("ix_items_a", "ix_items_b");

            // Liquibase rolls the tagging changeset back too (it has no context), so one filtered rollback per tag.
            String rollbackGreen = new ChangelogRunner(c).contexts("green").rollbackSql(changelog, "start");
            assertThat(rollbackGreen).contains("\"ix_items_b\"").doesNotContain("\"ix_items_a\"");
            new ChangelogRunner(c).contexts("green").rollbackToTag(changelog, "start");
            assertThat(Catalog.indexDefinitions(db, "public")).containsOnlyKeys("ix_items_a");
        }
    }

    @Test
    void should_update_to_a_tag_and_stop_there() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        try (Connection c = db.connect()) {
            ChangelogRunner mina = new ChangelogRunner(c).parameter(Pack.MINA.schemaParameter(), "mina");
            // Liquibase itself would only warn and apply the whole changelog.
            assertThatThrownBy(() -> mina.updateToTag(Pack.MINA.changelog(), "mina-schmea")).isInstanceOf(ChangelogException.class)
                    .hasMessageContaining("'mina-schmea'").hasMessageContaining("mina-schema, mina-1.0.0");
            assertThat(db.column("SELECT to_regclass('mina.sessions')::text")).as("nothing applied").containsExactly((String) null);

            mina.updateToTag(Pack.MINA.changelog(), Pack.MINA.schemaTag());
            assertThat(db.column("SELECT tag FROM databasechangelog WHERE tag IS NOT NULL")).containsExactly("mina-schema");
            assertThat(Catalog.indexDefinitions(db, "mina")).as("the seed's tables and keys, none of the pack's indexes")
                    .containsKeys("sessions_pkey", "ix_segments_session_id").doesNotContainKey("ix_sessions_started_at");

            mina.update(Pack.MINA.changelog());
            assertThat(Catalog.indexDefinitions(db, "mina")).containsKey("ix_sessions_started_at");
        }
    }

    @Test
    void should_run_a_changelog_given_by_an_absolute_path_outside_the_working_directory_recorded_as_its_file_name()
            throws Exception {
        TestDatabase db = itemsDatabase();
        Path file = dir.resolve("db").resolve("changelog.yaml");
        Files.createDirectories(file.getParent());
        write(file, FilteredChangelog.YAML);
        assertThat(file).isAbsolute();
        assertThat(file.toRealPath().startsWith(Path.of("").toAbsolutePath().toRealPath())).as("outside the working directory")
                .isFalse();
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update(file.toString());
            assertThat(Catalog.indexDefinitions(db, "public")).containsOnlyKeys("ix_items_a", "ix_items_b");
            // What `liquibase --search-path=<dir> --changelog-file=changelog.yaml` records, too.
            assertThat(db.column("SELECT DISTINCT filename FROM databasechangelog")).containsExactly("changelog.yaml");

            new ChangelogRunner(c).update(file.toString());
            assertThat(db.scalar("SELECT count(*) FROM databasechangelog")).as("nothing ran twice").isEqualTo("3");
        }
    }

    @Test
    void should_record_an_absolute_path_inside_the_working_directory_as_its_file_name_too_and_a_relative_one_as_given()
            throws Exception {
        // target/ is inside the working directory (the project) for Maven's test runs.
        Path relative = Path.of("target", "changelog-runner-test", String.valueOf(System.nanoTime()), "changelog.yaml");
        Files.createDirectories(relative.getParent());
        write(relative, FilteredChangelog.YAML);
        TestDatabase byAbsolutePath = itemsDatabase();
        try (Connection c = byAbsolutePath.connect()) {
            new ChangelogRunner(c).update(relative.toAbsolutePath().toString());
        }
        assertThat(byAbsolutePath.column("SELECT DISTINCT filename FROM databasechangelog"))
                .as("the working directory does not change the identity").containsExactly("changelog.yaml");

        TestDatabase byRelativePath = itemsDatabase();
        String given = relative.toString().replace('\\', '/');
        try (Connection c = byRelativePath.connect()) {
            new ChangelogRunner(c).update(given);
        }
        assertThat(byRelativePath.column("SELECT DISTINCT filename FROM databasechangelog")).containsExactly(given);
    }

    @Test
    void should_name_a_missing_absolute_changelog_and_the_fix() throws Exception {
        TestDatabase db = itemsDatabase();
        String missing = dir.resolve("nope.yaml").toString();
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> new ChangelogRunner(c).update(missing)).isInstanceOf(ChangelogException.class)
                    .hasMessageContaining("changelog " + missing + " does not exist")
                    .hasMessageContaining("indexkit/mina/changelog.yaml");
        }
    }

    private static TestDatabase itemsDatabase() {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE items (id bigint, a int, b int)");
        return db;
    }

    private static String write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        return file.toString();
    }
}
