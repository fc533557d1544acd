package dev.indexkit.reliability;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** A victim table and the items table, so that nothing but the intended DDL can be seen to have run. */
    private void victimAndItems() throws Exception {
        db.execute("CREATE TABLE victim (id int)", "INSERT INTO victim VALUES (1)");
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update("changelogs/items-table.yaml");
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "where      | status = E'\\'';DROP TABLE victim;--'        | contains ';'",
            "where      | status = $$x$$;DROP TABLE victim;--            | contains ';'",
            "where      | status = 'a' /* hidden */ OR true              | comment marker",
            "where      | status = 'a')) OR ((1 = 1                      | is not one SQL expression",
            "where      | status = 'a' UNION SELECT 1 FROM victim WHERE true | is not one SQL expression",
            "where      | pg_sleep(600) IS NULL                          | IMMUTABLE",
            "expression | lower(code)), (upper(code)                     | yields 2 values",
            "expression | lower(code) FROM items; DROP TABLE victim; --  | contains ';'",
            "expression | (SELECT count(*) FROM victim                   | is not one SQL expression",
    })
    void should_refuse_a_where_or_expression_that_is_not_one_expression_and_run_nothing_else(String kind, String value,
                                                                                           String reason) throws Exception {
        victimAndItems();
        long start = System.nanoTime();
        assertThatThrownBy(() -> {
            try (Connection c = db.connect()) {
                new ChangelogRunner(c).parameter("test." + kind, value).update("changelogs/items-hostile-" + kind + ".yaml");
            }
        }).hasMessageContaining(reason);
        assertThat(System.nanoTime() - start).as("nothing in the fragment was executed (pg_sleep)").isLessThan(60_000_000_000L);
        assertThat(db.scalar("SELECT count(*) FROM victim")).as("the victim table is intact").isEqualTo("1");
        assertThat(Catalog.indexDefinitions(db, "public")).doesNotContainKey("ix_items_hostile");
        assertThat(Catalog.invalidIndexes(db, "public")).isEmpty();
    }

    @Test
    void should_refuse_a_pack_schema_parameter_that_is_not_a_plain_identifier_before_any_changeset_runs() throws Exception {
        db.execute("CREATE TABLE victim (id int)");
        String hostile = "x\"; DROP TABLE public.victim; --";
        assertThatThrownBy(() -> {
            try (Connection c = db.connect()) {
                new ChangelogRunner(c).parameter("indexkit.mina.schema", hostile).update("indexkit/mina/changelog.yaml");
            }
        }).hasMessageContaining("indexkit.mina.schema = '" + hostile + "' is not a plain identifier")
                .hasMessageContaining("-Dindexkit.mina.schema=billing");
        assertThat(db.scalar("SELECT to_regclass('public.victim')")).as("the victim table is intact").isEqualTo("victim");
        assertThat(db.scalar("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'x%'")).as("no schema created").isEqualTo("0");
        assertThat(db.scalar("SELECT count(*) FROM databasechangelog")).as("no changeset ran").isEqualTo("0");
    }
}
