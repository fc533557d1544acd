package dev.indexkit.packs;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.PackIndexes;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.Pack;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** indexkit/all.yaml: every pack in one database, each in its own schema. */
class AllPacksTest {

    @Test
    void should_apply_every_pack_into_its_own_schema_and_roll_one_back_alone() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        long start = System.nanoTime();
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update(Pack.ALL_CHANGELOG);
        }
        System.out.printf("all.yaml applied in %d ms%n", (System.nanoTime() - start) / 1_000_000);

        for (Pack pack : Pack.values()) {
            assertThat(Catalog.indexDefinitions(db, pack.sharedSchema()))
                    .as(pack.id()).containsKeys(PackIndexes.names(pack).toArray(String[]::new));
            assertThat(Catalog.invalidIndexes(db, pack.sharedSchema())).as(pack.id()).isEmpty();
        }
        assertThat(Catalog.indexDefinitions(db, "public")).as("nothing lands in public")
                .isEmpty();

        Map<String, String> whisperBefore = Catalog.indexDefinitions(db, "whisper");
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).parameter(Pack.MINA.schemaParameter(), "mina")
                    .rollbackToTag(Pack.MINA.changelog(), Pack.MINA.schemaTag());
        }
        assertThat(Catalog.indexDefinitions(db, "mina")).doesNotContainKeys(PackIndexes.names(Pack.MINA).toArray(String[]::new));
        assertThat(Catalog.indexDefinitions(db, "whisper")).isEqualTo(whisperBefore);
    }
}
