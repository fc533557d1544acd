package dev.indexkit.liquibase;

import liquibase.change.ChangeMetaData;
import liquibase.change.CheckSum;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checksum lists what it excludes: a property added to a change counts without anyone adding it,
 * while released changesets (which do not set it) keep their checksums ({@code ReleasedChecksumsTest}
 * holds the shipped packs to the recorded values).
 */
class ChangeChecksumTest {

    @Test
    void should_change_the_checksum_when_a_property_that_shapes_the_index_changes() {
        EnsureIndexChange partial = EnsureIndexValidationTest.index("ix_items_code", "code");
        partial.setWhere("status = 'open'");
        assertThat(partial.generateCheckSum()).isNotEqualTo(EnsureIndexValidationTest.index("ix_items_code", "code").generateCheckSum());

        EnsureIndexChange hash = EnsureIndexValidationTest.index("ix_items_code", "code");
        hash.setMethod("hash");
        assertThat(hash.generateCheckSum()).isNotEqualTo(EnsureIndexValidationTest.index("ix_items_code", "code").generateCheckSum());
    }

    @Test
    void should_keep_the_checksum_when_only_an_excluded_property_changes() {
        CheckSum plain = EnsureIndexValidationTest.index("ix_items_code", "code").generateCheckSum();
        EnsureIndexChange tuned = EnsureIndexValidationTest.index("ix_items_code", "code");
        tuned.setConcurrently(false);
        tuned.setLockTimeout("5s");
        tuned.setStatementTimeout("1h");
        tuned.setLockRetries(2);
        tuned.setConcurrentLockTimeout("2h");
        tuned.setOnDrift("replace");
        assertThat(tuned.generateCheckSum()).isEqualTo(plain);
        assertThat(EnsureIndexChange.CHECKSUM.excluded()).containsExactlyInAnyOrder("concurrently", "lockTimeout",
                "statementTimeout", "lockRetries", "concurrentLockTimeout", "onDrift");
    }

    @Test
    void should_count_a_property_added_later_without_changing_checksums_that_do_not_set_it() {
        CheckSum released = EnsureIndexValidationTest.index("ix_items_code", "code").generateCheckSum();

        WithNewProperty unset = new WithNewProperty();
        copyKey(unset);
        assertThat(unset.generateCheckSum()).isEqualTo(released);

        WithNewProperty set = new WithNewProperty();
        copyKey(set);
        set.setNullsNotDistinct(true);
        assertThat(set.generateCheckSum()).isNotEqualTo(released);
        assertThat(EnsureIndexChange.CHECKSUM.counted(set)).contains("nullsNotDistinct", "where", "method", "columns");
    }

    @Test
    void should_count_every_partition_property() {
        EnsureMonthlyPartitionsChange change = new EnsureMonthlyPartitionsChange();
        change.setTableName("events");
        change.setColumnName("created_at");
        assertThat(EnsureMonthlyPartitionsChange.CHECKSUM.excluded()).isEmpty();
        assertThat(EnsureMonthlyPartitionsChange.CHECKSUM.counted(change)).containsExactlyInAnyOrder("schemaName", "tableName",
                "columnName", "monthsAhead", "retentionMonths", "retentionMode", "timeZone", "useDefaultPartition");
        CheckSum before = change.generateCheckSum();
        change.setRetentionMonths(12);
        assertThat(change.generateCheckSum()).isNotEqualTo(before);
    }

    private static void copyKey(EnsureIndexChange change) {
        EnsureIndexChange template = EnsureIndexValidationTest.index("ix_items_code", "code");
        change.setTableName(template.getTableName());
        change.setIndexName(template.getIndexName());
        template.getColumns().forEach(change::addColumn);
    }

    /** A future version of ensureIndex with one more property, which nobody listed anywhere. */
    @DatabaseChange(name = "ensureIndexWithNewProperty", priority = ChangeMetaData.PRIORITY_DEFAULT, description = "test")
    public static class WithNewProperty extends EnsureIndexChange {
        private Boolean nullsNotDistinct;

        @DatabaseChangeProperty(description = "test")
        public Boolean getNullsNotDistinct() {
            return nullsNotDistinct;
        }

        public void setNullsNotDistinct(Boolean nullsNotDistinct) {
            this.nullsNotDistinct = nullsNotDistinct;
        }
    }
}
