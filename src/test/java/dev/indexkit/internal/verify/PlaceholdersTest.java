package dev.indexkit.internal.verify;

import dev.indexkit.verify.RefusedQueryException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaceholdersTest {

    @Test
    void should_number_jdbc_placeholders_outside_quotes_comments_and_dollar_quotes() throws Exception {
        assertThat(Placeholders.numbered("SELECT * FROM t WHERE a = ? AND b IN (?, ?)"))
                .isEqualTo("SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)");
        assertThat(Placeholders.numbered("SELECT '?', \"a?\" FROM t WHERE x = ? -- why?\n AND y = $$?$$ /* ? */"))
                .isEqualTo("SELECT '?', \"a?\" FROM t WHERE x = $1 -- why?\n AND y = $$?$$ /* ? */");
        assertThat(Placeholders.numbered("SELECT * FROM t WHERE meta ?? 'key' AND id = ?"))
                .as("pgjdbc's ?? is the ? operator").isEqualTo("SELECT * FROM t WHERE meta ? 'key' AND id = $1");
        assertThat(Placeholders.numbered("SELECT 'it''s ?' WHERE a = ?")).isEqualTo("SELECT 'it''s ?' WHERE a = $1");
    }

    @Test
    void should_refuse_a_query_that_mixes_both_kinds() {
        assertThatThrownBy(() -> Placeholders.numbered("SELECT * FROM t WHERE a = ? AND b = $1"))
                .isInstanceOf(RefusedQueryException.class).hasMessageContaining("mixes ? and $n");
    }
}
