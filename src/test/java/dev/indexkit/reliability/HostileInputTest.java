package dev.indexkit.reliability;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Identifiers with quotes, semicolons, mixed case and non-ASCII reach PostgreSQL as identifiers, never
 * as SQL; names PostgreSQL would truncate are refused before anything runs. (Partition and catalog
 * input: PartitionBadInputTest and PlanAssertTest.)
 */
class HostileInputTest {

    private static final String TABLE = "Orders \"Q4\"; DROP TABLE victims; --";
    private static final String INDEX = "ix \"größe\"; DROP TABLE victims; --";

    private TestDatabase db;

    @BeforeEach
    void freshDatabase() {
        db = TestPostgres.freshDatabase();
    }

    @Test
    void should_build_and_roll_back_an_index_whose_names_carry_quotes_semicolons_and_non_ascii() throws Exception {
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update("changelogs/hostile-names.yaml");
        }
        assertThat(db.scalar("SELECT to_regclass('public.victims')")).as("nothing injected").isEqualTo("victims");
        assertThat(Catalog.indexDefinitions(db, "public")).containsEntry(INDEX,
                "CREATE INDEX \"ix \"\"größe\"\"; DROP TABLE victims; --\" ON public.\"Orders \"\"Q4\"\"; DROP TABLE victims; --\" "
                        + "USING btree (\"Größe\", \"semi;colon\") INCLUDE (\"MixedCase\")");
        assertThat(db.scalar("SELECT indrelid::regclass::text FROM pg_index WHERE indexrelid = (SELECT oid FROM pg_class WHERE relname = '"
                + INDEX.replace("'", "''") + "')")).isEqualTo("\"" + TABLE.replace("\"", "\"\"") + "\"");

        try (Connection c = db.connect()) {
            new ChangelogRunner(c).rollbackToTag("changelogs/hostile-names.yaml", "hostile-schema");
        }
        assertThat(Catalog.indexDefinitions(db, "public")).doesNotContainKey(INDEX);
        assertThat(db.scalar("SELECT to_regclass('public.victims')")).isEqualTo("victims");
    }

    @Test
    void should_refuse_a_name_over_63_bytes_even_when_it_is_32_characters_and_run_nothing() {
        assertThatThrownBy(() -> {
            try (Connection c = db.connect()) {
                new ChangelogRunner(c).update("changelogs/hostile-overlong.yaml");
            }
        }).hasMessageContaining("ééééééééééééééééééééééééééééééé_x").hasMessageContaining("64 bytes long")
                .hasMessageContaining("choose a shorter name");
        assertThat(db.scalar("SELECT to_regclass('public.items')")).as("validation fails before any changeset runs").isNull();
    }
}
