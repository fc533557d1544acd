package dev.indexkit.internal.verify;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verification load drops a schema's foreign keys and must give every one of them back. */
class DeferredForeignKeysTest {

    private static final String DEFINITION = "FOREIGN KEY (parent_id) REFERENCES \"load me\".parent(id) ON DELETE CASCADE";

    private Connection c;

    @BeforeEach
    void schema() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        c = db.connect();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA \"load me\"");
            st.execute("CREATE TABLE \"load me\".parent (id int PRIMARY KEY)");
            st.execute("CREATE TABLE \"load me\".child (id int PRIMARY KEY, parent_id int, "
                    + "CONSTRAINT \"child's parent\" " + DEFINITION + ")");
            st.execute("INSERT INTO \"load me\".parent VALUES (1)");
        }
    }

    @Test
    void should_load_without_the_keys_and_validate_them_after() throws Exception {
        DeferredForeignKeys.around(c, "load me", () -> {
            assertThat(keyState()).as("dropped during the load").isNull();
            insertChild(1);
        });
        assertThat(keyState()).isEqualTo("validated " + DEFINITION);
        assertThatThrownBy(() -> insertChild(2)).as("enforced again").hasMessageContaining("child's parent");
    }

    @Test
    void should_keep_a_key_the_loaded_rows_break_as_not_valid_and_name_it() throws Exception {
        assertThatThrownBy(() -> DeferredForeignKeys.around(c, "load me", () -> insertChild(42)))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("break foreign key child's parent")
                .hasMessageContaining("NOT VALID");
        assertThat(keyState()).isEqualTo("not valid " + DEFINITION + " NOT VALID");
    }

    @Test
    void should_give_the_keys_back_when_the_load_fails() throws Exception {
        assertThatThrownBy(() -> DeferredForeignKeys.around(c, "load me", () -> {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO \"load me\".missing VALUES (1)");
            }
        })).isInstanceOf(SQLException.class).hasMessageContaining("missing");
        assertThat(keyState()).isEqualTo("validated " + DEFINITION);
    }

    private void insertChild(int parent) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO \"load me\".child VALUES (" + parent + ", " + parent + ")");
        }
    }

    /** Whether the key is there, validated, and its definition; null when it is not there. */
    private String keyState() throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT CASE WHEN convalidated THEN 'validated ' "
                + "ELSE 'not valid ' END || pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'child''s parent'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
