package dev.indexkit.packs;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.LegacyDatabase;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.liquibase.ChangelogException;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.Pack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each pack's indexes.yaml, as a service that already has the tables includes it, on a legacy fixture
 * (src/test/resources/legacy/&lt;pack&gt;.sql): the schema as the seed's application created it, with the
 * seed indexes that shipped, in the pack's shared schema. Asserts today's truth: packs that apply (with
 * the changesets their preconditions skip), and packs whose drifted indexes the pre-flight refuses.
 */
class LegacyFixtureTest {

    /**
     * Changesets whose preconditions (since 1.0.2) skip them on the legacy schema, because they need
     * columns the seed's own tables do not have; they are tried again on every update.
     */
    private static final Map<Pack, List<String>> GUARDED = Map.of(
            Pack.TEXTLOOM, List.of("textloom-1.0.0-idx_material_analyses_media_item_id", "textloom-1.0.0-idx_sub_video_tasks_parent_status",
                    "textloom-1.0.0-idx_script_contents_task_id", "textloom-1.0.0-idx_script_contents_content_fts",
                    // 1.1.0: the seed's script_contents has no created_at
                    "textloom-1.1.0-idx_script_contents_persona_created", "textloom-1.1.0-drop-idx_script_contents_persona_id"),
            Pack.GROVE, List.of("grove-1.0.0-idx_groves_tenant_client_app", "grove-1.1.0-drop-idx_groves_tenant_client_app"),
            Pack.FASTNEXT, List.of("fastnext-1.0.0-idx_workflow_templates_search"));

    /** Every changeset whose table, columns, expressions or predicate the fixture lacks, with PostgreSQL's reason. */
    private static final Map<Pack, Map<String, String>> KNOWN_CANNOT_APPLY = Map.of(
            Pack.TEXTLOOM, Map.of( // KNOWN: seed 002 never names these columns; update stops at the first
                    "textloom-1.0.0-idx_material_analyses_media_item_id", "column \"media_item_id\" does not exist",
                    "textloom-1.0.0-idx_sub_video_tasks_parent_status", "column \"status\" does not exist",
                    "textloom-1.0.0-idx_script_contents_task_id", "column \"task_id\" does not exist",
                    "textloom-1.0.0-idx_script_contents_content_fts", "column \"content\" does not exist",
                    "textloom-1.1.0-idx_script_contents_persona_created", "column \"created_at\" does not exist"),
            // KNOWN: the seed's groves have client_app_id and created_at, no tenant_id
            Pack.GROVE, Map.of("grove-1.0.0-idx_groves_tenant_client_app", "column \"tenant_id\" does not exist"),
            // KNOWN: the seed's workflow_templates has only config (JSONB)
            Pack.FASTNEXT, Map.of("fastnext-1.0.0-idx_workflow_templates_search", "column \"name\" does not exist"));

    /**
     * Same-name indexes the fixture already has with another definition (the seed's, where the pack
     * sorts the time column DESC or uses another operator class). The pre-flight refuses the update
     * naming each, before any DDL. Value: what the pack's definition has that the existing one lacks.
     */
    private static final Map<Pack, Map<String, String>> DRIFT = Map.of(
            Pack.WHISPER, Map.of(
                    "idx_users_active_created", "created_at DESC",
                    "idx_jobs_user_status_created", "created_at DESC",
                    "idx_audit_endpoint_time", "\"timestamp\" DESC",
                    "idx_audit_ip_event_time", "\"timestamp\" DESC",
                    "idx_audit_user_event_time", "\"timestamp\" DESC"),
            Pack.FASTNEXT, Map.of(
                    "idx_activity_logs_user_timestamp", "\"timestamp\" DESC",
                    "idx_workflow_templates_config_gin", "jsonb_path_ops"));

    @ParameterizedTest
    @EnumSource(Pack.class)
    void should_apply_its_indexes_to_the_legacy_schema_or_refuse_drift_before_any_ddl(Pack pack) throws Exception {
        TestDatabase db = legacyDatabase(pack);
        String schema = pack.sharedSchema();
        Map<String, String> legacy = Catalog.topLevelIndexDefinitions(db, schema);
        Map<String, String> drift = DRIFT.getOrDefault(pack, Map.of());
        if (!drift.isEmpty()) {
            var refused = assertThatThrownBy(() -> update(db, pack)).isInstanceOf(ChangelogException.class)
                    .hasMessageContaining(drift.size() + " changes have validation failures");
            drift.forEach((name, packWants) -> refused.hasMessageContaining("Index \"" + schema + "\".\"" + name
                    + "\" already exists with another definition"));
            assertThat(Catalog.topLevelIndexDefinitions(db, schema)).as("nothing built, nothing dropped").isEqualTo(legacy);
            drift.forEach((name, packWants) -> assertThat(legacy.get(name)).as(name).doesNotContain(packWants));
            return;
        }
        update(db, pack);
        update(db, pack);
        List<String> guarded = GUARDED.getOrDefault(pack, List.of());
        List<String> dropped = drops(pack).entrySet().stream().filter(d -> !guarded.contains(d.getKey())).map(Map.Entry::getValue).toList();
        List<EnsureIndex> expected = ensureIndexes(pack).stream().filter(ix -> !guarded.contains(ix.changeSetId)).toList();
        assertThat(db.column("SELECT id FROM databasechangelog ORDER BY orderexecuted"))
                .as("every changeset but the guarded ones, recorded once")
                .containsExactlyElementsOf(indexChangeSetIds(pack).stream().filter(id -> !guarded.contains(id)).toList());
        Map<String, String> after = Catalog.topLevelIndexDefinitions(db, schema);
        assertThat(after).containsKeys(expected.stream().map(ix -> ix.indexName).filter(name -> !dropped.contains(name))
                .toArray(String[]::new));
        assertThat(after).as("indexes a later revision retires").doesNotContainKeys(dropped.toArray(String[]::new));
        assertThat(Catalog.invalidIndexes(db, schema)).as("invalid indexes").isEmpty();
        Map<String, String> kept = new TreeMap<>(legacy);
        kept.keySet().removeAll(dropped);
        assertThat(after).as("every legacy index survives unchanged").containsAllEntriesOf(kept);
    }

    /** A row the pack's application writes all the time, into a table whose index the replace rebuilds. */
    private static final Map<Pack, String> APPLICATION_WRITE = Map.of(
            Pack.WHISPER, "INSERT INTO whisper.audit_logs (event_type, severity, endpoint, client_ip, \"timestamp\") "
                    + "VALUES ('login', 'info', '/api/jobs', '10.0.0.1', now())",
            Pack.FASTNEXT, "INSERT INTO fastnext.activity_logs (user_id, action, \"timestamp\") VALUES (7, 'login', timestamp '2024-06-15 12:00')");

    /**
     * With indexkit.onDrift=replace each drifted index gets the pack's definition (fastnext's on the
     * partitioned activity_logs too) while the application writes; rolled back to the tag before it and
     * applied again, the pack leaves the same indexes.
     */
    @ParameterizedTest
    @EnumSource(value = Pack.class, names = {"WHISPER", "FASTNEXT"})
    void should_replace_the_drifted_indexes_while_the_application_writes_and_apply_again_after_rollback(Pack pack) throws Exception {
        TestDatabase db = legacyDatabase(pack);
        String schema = pack.sharedSchema();
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).tag("before-pack");
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger committed = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                while (writing.get()) {
                    st.execute(APPLICATION_WRITE.get(pack));
                    committed.incrementAndGet();
                }
            } catch (SQLException e) {
                failures.add(e.getMessage());
            }
        });
        writer.start();
        try {
            updateReplacingDrift(db, pack);
        } finally {
            writing.set(false);
            writer.join();
        }
        assertThat(failures).as("application writes refused").isEmpty();
        assertThat(committed.get()).as("application writes committed during the update").isPositive();
        Map<String, String> after = Catalog.topLevelIndexDefinitions(db, schema);
        DRIFT.get(pack).forEach((name, packWants) -> assertThat(after.get(name)).as(name).contains(packWants));
        assertThat(after.keySet()).noneMatch(name -> name.contains("indexkit"));
        assertThat(Catalog.invalidIndexes(db, schema)).isEmpty();

        try (Connection c = db.connect()) {
            new ChangelogRunner(c).parameter(pack.schemaParameter(), schema).rollbackToTag(pack.indexesChangelog(), "before-pack");
        }
        updateReplacingDrift(db, pack);
        assertThat(Catalog.topLevelIndexDefinitions(db, schema)).as("rolled back and applied again").isEqualTo(after);
        assertThat(Catalog.invalidIndexes(db, schema)).isEmpty();
    }

    /**
     * Rolled back to a tag set before it, a pack leaves the service's own indexes: one it found already
     * there (the seed's, of the same definition) or replaced is kept, and only the indexes it built are
     * dropped. Applied again, it leaves what its first update left.
     */
    @ParameterizedTest
    @EnumSource(Pack.class)
    void should_keep_the_services_own_indexes_on_rollback_and_apply_again_to_the_same_state(Pack pack) throws Exception {
        TestDatabase db = legacyDatabase(pack);
        String schema = pack.sharedSchema();
        Map<String, String> legacy = Catalog.topLevelIndexDefinitions(db, schema);
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).tag("before-pack");
        }
        updateReplacingDrift(db, pack);
        Map<String, String> after = Catalog.topLevelIndexDefinitions(db, schema);
        String rollbackSql;
        try (Connection c = db.connect()) {
            rollbackSql = new ChangelogRunner(c).parameter(pack.schemaParameter(), schema).rollbackSql(pack.indexesChangelog(), "before-pack");
            new ChangelogRunner(c).parameter(pack.schemaParameter(), schema).rollbackToTag(pack.indexesChangelog(), "before-pack");
        }
        Map<String, String> rolledBack = Catalog.topLevelIndexDefinitions(db, schema);
        assertThat(rolledBack.keySet()).as("the service's own indexes, and none the pack built").isEqualTo(legacy.keySet());
        Map<String, String> expected = new TreeMap<>(legacy);
        DRIFT.getOrDefault(pack, Map.of()).keySet().forEach(name -> expected.put(name, after.get(name)));
        assertThat(rolledBack).as("kept as they were; a replaced one keeps the pack's definition").isEqualTo(expected);
        legacy.keySet().stream().filter(after::containsKey).filter(name -> !name.endsWith("_pkey"))
                .filter(name -> ensureIndexes(pack).stream().anyMatch(ix -> ix.indexName.equals(name)))
                .forEach(name -> assertThat(rollbackSql).as("rollback-sql says it keeps " + name)
                        .contains("dropIndexSafely " + name + ": kept"));

        updateReplacingDrift(db, pack);
        assertThat(Catalog.topLevelIndexDefinitions(db, schema)).as("applied again").isEqualTo(after);
    }

    private static void updateReplacingDrift(TestDatabase db, Pack pack) throws Exception {
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).parameter(pack.schemaParameter(), pack.sharedSchema())
                    .parameter("indexkit.onDrift", "replace").update(pack.indexesChangelog());
        }
    }

    /** The seed indexes each pack's cleanup.yaml drops (the others have none: their seeds' redundant indexes never shipped). */
    private static final Map<Pack, List<String>> REDUNDANT = Map.of(
            Pack.WHISPER, List.of("idx_users_role", "idx_users_active", "idx_jobs_status", "idx_jobs_created_at", "idx_jobs_user_id",
                    "idx_jobs_status_model_created", "idx_metadata_language", "idx_metadata_generated_at", "idx_metadata_lang_tokens",
                    "idx_audit_severity_event_time"),
            Pack.FASTNEXT, List.of("idx_activity_logs_user_id", "idx_users_active"));

    @org.junit.jupiter.api.Test
    void should_refuse_the_cleanup_until_the_pack_indexes_that_replace_the_seeds_are_valid() {
        TestDatabase db = legacyDatabase(Pack.WHISPER);
        Map<String, String> legacy = Catalog.topLevelIndexDefinitions(db, Pack.WHISPER.sharedSchema());
        assertThatThrownBy(() -> runCleanup(db, Pack.WHISPER)).isInstanceOf(ChangelogException.class)
                .hasMessageContaining("run indexkit/whisper/indexes.yaml first").hasMessageContaining("idx_jobs_status_created");
        assertThat(Catalog.topLevelIndexDefinitions(db, Pack.WHISPER.sharedSchema())).as("nothing dropped").isEqualTo(legacy);
    }

    /**
     * Whisper after its indexes.yaml (drift replaced); fastnext as it is (its replacement index is the
     * seed's own). Cleanup drops exactly the redundant seed indexes; rolling back to the tag before it
     * rebuilds each as it was; a seed index the database never had is neither dropped nor built.
     */
    @ParameterizedTest
    @EnumSource(value = Pack.class, names = {"WHISPER", "FASTNEXT"})
    void should_drop_the_redundant_seed_indexes_and_rebuild_them_on_rollback(Pack pack) throws Exception {
        TestDatabase db = legacyDatabase(pack);
        String schema = pack.sharedSchema();
        if (pack == Pack.WHISPER) {
            try (Connection c = db.connect()) {
                new ChangelogRunner(c).parameter(pack.schemaParameter(), schema).parameter("indexkit.onDrift", "replace")
                        .update(pack.indexesChangelog());
            }
        }
        List<String> redundant = REDUNDANT.get(pack);
        String neverHad = redundant.get(redundant.size() - 1);
        db.execute("DROP INDEX " + schema + "." + neverHad);
        Map<String, String> before = Catalog.topLevelIndexDefinitions(db, schema);

        runCleanup(db, pack);
        Map<String, String> cleaned = Catalog.topLevelIndexDefinitions(db, schema);
        assertThat(cleaned.keySet()).doesNotContainAnyElementsOf(redundant);
        Map<String, String> kept = new TreeMap<>(before);
        kept.keySet().removeAll(redundant);
        assertThat(cleaned).as("every other index untouched").isEqualTo(kept);

        try (Connection c = db.connect()) {
            new ChangelogRunner(c).parameter(pack.schemaParameter(), schema).rollbackToTag(cleanupChangelog(pack), pack.id() + "-before-cleanup");
        }
        assertThat(Catalog.topLevelIndexDefinitions(db, schema)).as("rebuilt as they were, and no index it never dropped")
                .isEqualTo(before);
        assertThat(Catalog.invalidIndexes(db, schema)).isEmpty();

        runCleanup(db, pack);
        assertThat(Catalog.topLevelIndexDefinitions(db, schema)).as("applies again after its rollback").isEqualTo(cleaned);
    }

    private static String cleanupChangelog(Pack pack) {
        return "indexkit/" + pack.id() + "/cleanup.yaml";
    }

    private static void runCleanup(TestDatabase db, Pack pack) throws Exception {
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).parameter(pack.schemaParameter(), pack.sharedSchema()).update(cleanupChangelog(pack));
        }
    }

    @ParameterizedTest
    @EnumSource(Pack.class)
    void should_know_every_changeset_the_legacy_schema_cannot_take(Pack pack) {
        TestDatabase db = legacyDatabase(pack);
        Map<String, String> cannotApply = new TreeMap<>();
        for (EnsureIndex ix : ensureIndexes(pack)) {
            // The index's keys, INCLUDE columns and predicate, framed on its table: what a build needs to exist.
            String probe = "SELECT " + String.join(", ", ix.referenced) + " FROM " + pack.sharedSchema() + "." + ix.table
                    + (ix.where == null ? "" : " WHERE (" + ix.where + ")") + " LIMIT 0";
            try {
                db.rows(probe);
            } catch (IllegalStateException refused) {
                String reason = refused.getMessage().lines().findFirst().orElse("");
                cannotApply.put(ix.changeSetId, reason.replaceFirst("^ERROR: ", ""));
            }
        }
        assertThat(cannotApply).isEqualTo(new TreeMap<>(KNOWN_CANNOT_APPLY.getOrDefault(pack, Map.of())));
    }

    private static TestDatabase legacyDatabase(Pack pack) {
        return LegacyDatabase.of(pack);
    }

    private static void update(TestDatabase db, Pack pack) throws Exception {
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).parameter(pack.schemaParameter(), pack.sharedSchema()).update(pack.indexesChangelog());
        }
    }

    /** The ids of the changesets of indexes.yaml that build or drop an index, in order. */
    @SuppressWarnings("unchecked")
    private static List<String> indexChangeSetIds(Pack pack) {
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> changeSet : changeSets(pack)) {
            for (Object change : (List<Object>) changeSet.get("changes")) {
                Map<String, Object> c = (Map<String, Object>) change;
                if (c.containsKey("ensureIndex") || c.containsKey("dropIndexSafely")) {
                    ids.add((String) changeSet.get("id"));
                    break;
                }
            }
        }
        return ids;
    }

    /** The dropIndexSafely changesets of indexes.yaml (a revision retiring an index): id to index name. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> drops(Pack pack) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, Object> changeSet : changeSets(pack)) {
            for (Object change : (List<Object>) changeSet.get("changes")) {
                Map<String, Object> drop = (Map<String, Object>) ((Map<String, Object>) change).get("dropIndexSafely");
                if (drop != null) {
                    out.put((String) changeSet.get("id"), (String) drop.get("indexName"));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> changeSets(Pack pack) {
        try (InputStream in = LegacyFixtureTest.class.getClassLoader().getResourceAsStream(pack.indexesChangelog())) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object entry : (List<Object>) new Yaml().<Map<String, Object>>load(in).get("databaseChangeLog")) {
                Map<String, Object> changeSet = (Map<String, Object>) ((Map<String, Object>) entry).get("changeSet");
                if (changeSet != null) {
                    out.add(changeSet);
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One ensureIndex of indexes.yaml: its changeset, index, table, what it references (quoted), and predicate. */
    private record EnsureIndex(String changeSetId, String indexName, String table, List<String> referenced, String where) {
    }

    @SuppressWarnings("unchecked")
    private static List<EnsureIndex> ensureIndexes(Pack pack) {
        try (InputStream in = LegacyFixtureTest.class.getClassLoader().getResourceAsStream(pack.indexesChangelog())) {
            List<EnsureIndex> out = new ArrayList<>();
            for (Object entry : (List<Object>) new Yaml().<Map<String, Object>>load(in).get("databaseChangeLog")) {
                Map<String, Object> changeSet = (Map<String, Object>) ((Map<String, Object>) entry).get("changeSet");
                for (Object change : changeSet == null ? List.of() : (List<Object>) changeSet.get("changes")) {
                    Map<String, Object> ix = (Map<String, Object>) ((Map<String, Object>) change).get("ensureIndex");
                    if (ix == null) {
                        continue;
                    }
                    List<String> referenced = new ArrayList<>();
                    for (Object column : (List<Object>) ix.get("columns")) {
                        Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) column).get("column");
                        referenced.add(c.get("name") != null ? "\"" + c.get("name") + "\"" : "(" + c.get("expression") + ")");
                    }
                    if (ix.get("include") != null) {
                        for (String c : ((String) ix.get("include")).split(",")) {
                            referenced.add("\"" + c.trim() + "\"");
                        }
                    }
                    out.add(new EnsureIndex((String) changeSet.get("id"), (String) ix.get("indexName"), (String) ix.get("tableName"), referenced,
                            (String) ix.get("where")));
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
