package dev.indexkit.reliability;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liquibase commits a changeset's DDL and then, separately, its DATABASECHANGELOG row: a deploy killed
 * between the two leaves the change applied but unrecorded, and the packs' schema changesets then
 * failed every later update ({@code relation "segments" already exists}). The state such a kill leaves
 * is made here directly, for every schema changeset of every pack at once, by deleting their rows.
 * The next update runs in the same JVM, which also holds {@code ChangelogRunner} to forgetting
 * Liquibase 5's snapshot cache (a fresh JVM, as after a real kill, has none).
 */
class UnrecordedChangesetTest {

    @Test
    void should_mark_applied_but_unrecorded_schema_changesets_as_ran_on_the_next_update() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update("indexkit/all.yaml");
        }
        int schemaChangesets = Integer.parseInt(db.scalar(
                "SELECT count(*) FROM databasechangelog WHERE filename LIKE 'indexkit/%/schema.yaml'"));
        db.execute("DELETE FROM databasechangelog WHERE filename LIKE 'indexkit/%/schema.yaml' AND id NOT LIKE '%-create-schema'");

        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update("indexkit/all.yaml");
        }
        assertThat(db.scalar("SELECT count(*) FROM databasechangelog WHERE filename LIKE 'indexkit/%/schema.yaml'"))
                .as("every schema changeset recorded again").isEqualTo(String.valueOf(schemaChangesets));
        assertThat(db.column("SELECT DISTINCT exectype FROM databasechangelog WHERE filename LIKE 'indexkit/%/schema.yaml' "
                + "AND id NOT LIKE '%-create-schema'")).as("found applied, marked as ran").containsExactly("MARK_RAN");
        assertThat(db.scalar("SELECT count(*) FROM (SELECT id, author, filename FROM databasechangelog "
                + "GROUP BY 1, 2, 3 HAVING count(*) > 1) twice")).as("changesets recorded twice").isEqualTo("0");
    }
}
