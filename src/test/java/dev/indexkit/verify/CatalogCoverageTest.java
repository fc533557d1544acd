package dev.indexkit.verify;

import dev.indexkit.fixtures.PackIndexes;
import dev.indexkit.liquibase.Pack;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** An index no query needs does not belong in a pack; a query on an index no pack ships proves nothing. */
class CatalogCoverageTest {

    /**
     * Packs whose catalog is still to be written. This list may only shrink: a pack that gets a
     * catalog must leave it, and the test fails when a listed pack gains one.
     */
    private static final Set<Pack> WITHOUT_CATALOG_YET = Set.of();

    /**
     * Indexes of a pack's base schema (the seed application's own) that a catalog query may expect:
     * where a pack revision retired its index because the seed's serves the query as well (mina 1.2.0).
     */
    private static final java.util.Map<Pack, Set<String>> BASE_SCHEMA_INDEXES = java.util.Map.of(
            Pack.MINA, Set.of("ix_segments_session_id"));

    @Test
    void should_cover_every_shipped_index_with_a_target_query_and_only_shipped_ones() {
        for (Pack pack : Pack.values()) {
            boolean hasCatalog = getClass().getClassLoader().getResource(pack.catalog()) != null;
            assertThat(hasCatalog).as(pack.id() + " catalog present (update WITHOUT_CATALOG_YET)")
                    .isEqualTo(!WITHOUT_CATALOG_YET.contains(pack));
            if (!hasCatalog) {
                continue;
            }
            Set<String> covered = VerifyCatalog.fromClasspath(pack.catalog()).queries().stream()
                    .map(TargetQuery::index).collect(Collectors.toCollection(TreeSet::new));
            assertThat(covered).as(pack.id() + ": every shipped index has a target query")
                    .containsAll(PackIndexes.names(pack));
            Set<String> expectable = new TreeSet<>(PackIndexes.names(pack));
            expectable.addAll(BASE_SCHEMA_INDEXES.getOrDefault(pack, Set.of()));
            assertThat(expectable).as(pack.id() + ": every expected index is shipped (or the base schema's, where listed)")
                    .containsAll(covered);
        }
    }

    @Test
    void should_hold_every_query_example_of_the_seed() {
        List<String> seeds = VerifyCatalog.fromClasspath(Pack.MINA.catalog()).queries().stream().map(TargetQuery::seed).toList();
        // Seed 000's query examples: meeting list, calendar range, analytics, overdue tasks, task list,
        // tasks and participants by meeting, user history, the validation query.
        for (String example : Arrays.asList("Meeting.query.filter_by(workspace_id, status='completed')",
                "scheduled_start >= start_date", "Analytics.query.filter(analysis_status == 'completed'",
                "Analytics.join(Meeting)", "status != 'completed', due_date <= today", "filter_by(assigned_to_id=456, status='todo')",
                "Task.query.filter_by(meeting_id=42)", "Participant.query.filter_by(meeting_id=42)",
                "Participant.query.filter_by(user_id=123)", "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM meetings")) {
            assertThat(seeds).as("seed 000 example: " + example).anyMatch(s -> s != null && s.contains(example));
        }
    }
}
