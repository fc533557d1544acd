package dev.indexkit.liquibase;

import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.core.SQLiteDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** validate() on Liquibase's real database classes: every error case names the problem and the fix. */
class EnsureIndexValidationTest {

    private static final Database POSTGRES = new PostgresDatabase();
    private static final Database SQLITE = new SQLiteDatabase();

    @Test
    void should_accept_a_concurrent_build_alone_in_a_non_transactional_changeset() {
        EnsureIndexChange change = index("ix_items_code", "code");
        inChangeSet(false, change);
        assertThat(errors(change, POSTGRES)).isEmpty();
    }

    @Test
    void should_fail_when_a_concurrent_build_runs_in_a_transaction() {
        EnsureIndexChange change = index("ix_items_code", "code");
        inChangeSet(true, change);
        assertThat(errors(change, POSTGRES)).singleElement().asString()
                .contains("ix_items_code", "CONCURRENTLY", "add `runInTransaction: false` to changeset 'cs-1'",
                        "concurrently: false");
    }

    @Test
    void should_accept_a_non_concurrent_build_in_a_transaction() {
        EnsureIndexChange change = index("ix_items_code", "code");
        change.setConcurrently(false);
        inChangeSet(true, change, index("ix_items_status", "status"));
        assertThat(errors(change, POSTGRES)).isEmpty();
    }

    @Test
    void should_fail_when_a_concurrent_build_shares_its_changeset() {
        EnsureIndexChange change = index("ix_items_code", "code");
        inChangeSet(false, change, index("ix_items_status", "status"));
        assertThat(errors(change, POSTGRES)).singleElement().asString()
                .contains("must be the only change", "has 2", "move the other changes");
    }

    @Test
    void should_fail_when_postgres_only_options_reach_sqlite() {
        EnsureIndexChange change = index("ix_items_payload", "payload");
        change.setMethod("gin");
        change.getColumns().get(0).setOpclass("jsonb_path_ops");
        inChangeSet(false, change);
        assertThat(errors(change, SQLITE)).singleElement().asString()
                .contains("method gin", "opclass jsonb_path_ops", "dbms: postgresql");
    }

    @Test
    void should_accept_a_partial_btree_index_on_sqlite() {
        EnsureIndexChange change = index("ix_items_open", "status");
        change.setWhere("status <> 'done'");
        inChangeSet(false, change);
        assertThat(errors(change, SQLITE)).isEmpty();
    }

    @Test
    void should_fail_when_the_method_is_unknown() {
        EnsureIndexChange change = index("ix_items_code", "code");
        change.setMethod("rtree");
        assertThat(errors(change, POSTGRES)).singleElement().asString()
                .contains("'rtree'", "btree, hash, gin, gist, spgist, brin");
    }

    @Test
    void should_fail_when_a_hash_index_is_unique_or_has_two_columns() {
        EnsureIndexChange unique = index("ix_items_code", "code");
        unique.setMethod("hash");
        unique.setUnique(true);
        assertThat(errors(unique, POSTGRES)).singleElement().asString().contains("cannot be UNIQUE", "use btree");

        EnsureIndexChange twoColumns = index("ix_items_code_status", "code", "status");
        twoColumns.setMethod("hash");
        assertThat(errors(twoColumns, POSTGRES)).singleElement().asString().contains("exactly one column");
    }

    @Test
    void should_fail_when_an_index_name_is_longer_than_postgres_keeps() {
        EnsureIndexChange change = index("ix_" + "x".repeat(70), "code");
        assertThat(errors(change, POSTGRES)).singleElement().asString()
                .contains("73 bytes", "63", "silently truncate", "shorter name");
    }

    @Test
    void should_fail_when_a_column_has_neither_name_nor_expression() {
        EnsureIndexChange change = index("ix_items", "code");
        change.addColumn(new IndexColumnConfig());
        assertThat(errors(change, POSTGRES)).singleElement().asString().contains("exactly one of 'name' or 'expression'");
    }

    @Test
    void should_fail_when_a_predicate_smuggles_a_second_statement() {
        EnsureIndexChange change = index("ix_items", "code");
        change.setWhere("true; DROP TABLE items");
        assertThat(errors(change, POSTGRES)).singleElement().asString().contains("contains ';'", "single SQL expression");
    }

    @Test
    void should_fail_when_a_timeout_is_not_a_duration() {
        EnsureIndexChange change = index("ix_items", "code");
        change.setLockTimeout("ten seconds");
        assertThat(errors(change, POSTGRES)).singleElement().asString().contains("lockTimeout 'ten seconds'", "2s, 500ms");
    }

    @Test
    void should_fail_when_a_timeout_is_longer_than_postgresql_accepts_and_take_the_longest_it_does() {
        EnsureIndexChange change = index("ix_items", "code");
        change.setConcurrentLockTimeout("30d");
        assertThat(errors(change, POSTGRES)).singleElement().asString()
                .contains("concurrentLockTimeout '30d' is out of range", "2147483647ms", "0 for no limit");
        change.setConcurrentLockTimeout("24d");
        change.setStatementTimeout("2147483647");
        assertThat(errors(change, POSTGRES)).isEmpty();
    }

    @Test
    void should_fail_naming_an_unknown_on_drift_value_and_the_choices() {
        EnsureIndexChange change = index("ix_items", "code");
        change.setOnDrift("keep");
        assertThat(errors(change, POSTGRES)).singleElement().asString().contains("onDrift 'keep'", "fail", "replace");
    }

    @Test
    void should_fail_when_include_is_used_with_gin() {
        EnsureIndexChange change = index("ix_items", "code");
        change.setMethod("gin");
        change.setInclude("status");
        assertThat(errors(change, POSTGRES)).singleElement().asString().contains("do not support INCLUDE");
    }

    @Test
    void should_change_checksum_with_every_definition_property_but_not_with_timeouts() {
        EnsureIndexChange base = index("ix_items", "code");
        String checksum = base.generateCheckSum().toString();

        EnsureIndexChange hash = index("ix_items", "code");
        hash.setMethod("hash");
        EnsureIndexChange partial = index("ix_items", "code");
        partial.setWhere("code <> ''");
        EnsureIndexChange descending = index("ix_items", "code");
        descending.getColumns().get(0).setDescending(true);
        EnsureIndexChange opclass = index("ix_items", "code");
        opclass.getColumns().get(0).setOpclass("text_pattern_ops");
        EnsureIndexChange unique = index("ix_items", "code");
        unique.setUnique(true);
        EnsureIndexChange include = index("ix_items", "code");
        include.setInclude("status");
        for (EnsureIndexChange changed : List.of(hash, partial, descending, opclass, unique, include)) {
            assertThat(changed.generateCheckSum().toString()).isNotEqualTo(checksum);
        }

        EnsureIndexChange tuned = index("ix_items", "code");
        tuned.setLockTimeout("30s");
        tuned.setStatementTimeout("1h");
        assertThat(tuned.generateCheckSum().toString()).isEqualTo(checksum);
    }

    @Test
    void should_roll_back_with_a_concurrent_drop_of_the_same_index() {
        EnsureIndexChange change = index("ix_items_code", "code");
        change.setSchemaName("app");
        Change[] inverses = change.createInverses();
        assertThat(inverses).singleElement().isInstanceOfSatisfying(DropIndexSafelyChange.class, drop -> {
            assertThat(drop.getIndexName()).isEqualTo("ix_items_code");
            assertThat(drop.getSchemaName()).isEqualTo("app");
            assertThat(drop.isConcurrently()).isTrue();
        });
    }

    static EnsureIndexChange index(String name, String... columns) {
        EnsureIndexChange change = new EnsureIndexChange();
        change.setTableName("items");
        change.setIndexName(name);
        for (String column : columns) {
            IndexColumnConfig config = new IndexColumnConfig();
            config.setName(column);
            change.addColumn(config);
        }
        return change;
    }

    private static void inChangeSet(boolean runInTransaction, Change... changes) {
        ChangeSet changeSet = new ChangeSet("cs-1", "test", false, false, "test.yaml", null, null, runInTransaction, null);
        for (Change c : changes) {
            changeSet.addChange(c);
        }
    }

    private static List<String> errors(Change change, Database database) {
        return change.validate(database).getErrorMessages();
    }
}
