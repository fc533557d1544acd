package dev.indexkit.liquibase;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * convertToMonthlyPartitions has no automatic rollback (undoing it would copy every row back): a
 * changeset without a rollback block must make {@code rollback} refuse before it undoes anything.
 */
class ConvertRollbackTest {

    @TempDir
    Path dir;

    @Test
    void should_refuse_to_roll_back_a_conversion_without_a_rollback_block_and_leave_everything_as_it_was() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE visits (id bigint NOT NULL, created_at timestamptz NOT NULL)");
        db.execute("INSERT INTO visits SELECT g, timestamptz '2026-03-10 00:00+00' + g * interval '1 hour' FROM generate_series(1, 500) g");
        Path changelog = dir.resolve("convert.yaml");
        Files.writeString(changelog, """
                databaseChangeLog:
                  - changeSet:
                      id: before
                      author: test
                      changes:
                        - tagDatabase: {tag: before-conversion}
                  - changeSet:
                      id: an-index
                      author: test
                      changes:
                        - sql: {sql: CREATE INDEX ix_visits_id ON visits (id)}
                      rollback:
                        - sql: {sql: DROP INDEX ix_visits_id}
                  - changeSet:
                      id: convert
                      author: test
                      runInTransaction: false
                      changes:
                        - convertToMonthlyPartitions: {tableName: visits, columnName: created_at, monthsAhead: 1}
                """);
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update(changelog.toString());
            assertThat(db.scalar("SELECT relkind FROM pg_class WHERE relname = 'visits'")).isEqualTo("p");

            assertThatThrownBy(() -> new ChangelogRunner(c).rollbackToTag(changelog.toString(), "before-conversion"))
                    .isInstanceOf(ChangelogException.class)
                    .hasMessageContaining("convertToMonthlyPartitions of visits (changeset convert) has no automatic rollback")
                    .hasMessageContaining("rollback: [empty: {}]");
        }
        assertThat(db.scalar("SELECT relkind FROM pg_class WHERE relname = 'visits'")).as("still partitioned").isEqualTo("p");
        assertThat(db.scalar("SELECT count(*) FROM visits")).isEqualTo("500");
        assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname = 'ix_visits_id'")).as("the earlier changeset not rolled back either")
                .isEqualTo("1");
        assertThat(db.column("SELECT id FROM databasechangelog ORDER BY orderexecuted")).containsExactly("before", "an-index", "convert");
    }
}
