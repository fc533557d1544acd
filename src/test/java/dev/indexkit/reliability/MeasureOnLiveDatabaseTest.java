package dev.indexkit.reliability;

import dev.indexkit.fixtures.InProcessCli;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify --url --measure} drops each index in a rolled-back transaction: an ACCESS EXCLUSIVE
 * lock. It must be asked for by name, must give up quickly behind a long transaction (readers of the
 * table queue behind a waiting ACCESS EXCLUSIVE request), and must not abort on a primary key.
 */
class MeasureOnLiveDatabaseTest {

    @Test
    void should_refuse_measure_on_a_url_unless_the_lock_is_accepted_by_name_then_skip_what_it_cannot_drop(@TempDir Path dir) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE items (id bigint PRIMARY KEY, code text NOT NULL)",
                "INSERT INTO items SELECT g, 'c' || g FROM generate_series(1, 50000) g",
                "CREATE INDEX ix_items_code ON items (code)", "VACUUM ANALYZE items");
        Path catalog = Files.writeString(dir.resolve("q.yaml"), "queries:\n"
                + "  - name: by-code\n    sql: SELECT * FROM items WHERE code = 'c42'\n    index: ix_items_code\n"
                + "  - name: by-id\n    sql: SELECT * FROM items WHERE id = 42\n    index: items_pkey\n");
        String[] url = {"--url", db.url(), "--user", db.user(), "--password=" + db.password(), "--catalog", catalog.toString()};

        InProcessCli refused = InProcessCli.run(concat(new String[]{"verify", "--measure", "2"}, url));
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("ACCESS EXCLUSIVE", "--allow-access-exclusive-lock");

        try (Connection report = db.connect(); Statement st = report.createStatement()) {
            // A long report holding the table: the drop must not queue behind it for long.
            report.setAutoCommit(false);
            st.executeQuery("SELECT count(*) FROM items").close();
            long start = System.nanoTime();
            InProcessCli measured = InProcessCli.run(concat(new String[]{"verify", "--measure", "2", "--allow-access-exclusive-lock"}, url));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            report.rollback();
            assertThat(measured.exit()).as(measured.out() + measured.err()).isZero();
            assertThat(measured.out()).contains("not timed: the drop of ix_items_code waited 2s", "not timed: items_pkey backs constraint items_pkey");
            assertThat(seconds).as("gave up after the lock timeout, not the report's lifetime").isLessThan(30);
        }
        assertThat(db.scalar("SELECT count(*) FROM pg_indexes WHERE tablename = 'items'")).isEqualTo("2");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
