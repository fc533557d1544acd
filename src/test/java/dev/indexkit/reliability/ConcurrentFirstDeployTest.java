package dev.indexkit.reliability;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.CliProcess;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import org.junit.jupiter.api.RepeatedTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas deploying at the same moment to an empty database (no DATABASECHANGELOG yet): one waits
 * for the other, both succeed, and every changeset is recorded once. Each deploy is its own JVM, as
 * replicas are. Repeated, because the race is in the first milliseconds, where Liquibase creates its
 * tables.
 */
class ConcurrentFirstDeployTest {

    @RepeatedTest(3)
    void should_let_two_simultaneous_first_deploys_both_succeed_with_each_changeset_once() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        List<Path> outputs = List.of(Files.createTempFile("deploy-a", ".log"), Files.createTempFile("deploy-b", ".log"));
        List<Process> deploys = List.of(
                CliProcess.start(db, outputs.get(0), "update", "--url", db.url(), "--changelog", "indexkit/all.yaml"),
                CliProcess.start(db, outputs.get(1), "update", "--url", db.url(), "--changelog", "indexkit/all.yaml"));
        for (int i = 0; i < deploys.size(); i++) {
            assertThat(deploys.get(i).waitFor(5, TimeUnit.MINUTES)).as("deploy finished").isTrue();
            assertThat(deploys.get(i).exitValue()).as("exit code of deploy %d; output:%n%s", i,
                    Files.readString(outputs.get(i))).isZero();
        }
        assertThat(db.scalar("SELECT count(*) FROM (SELECT id, author, filename FROM databasechangelog "
                + "GROUP BY 1, 2, 3 HAVING count(*) > 1) twice")).as("changesets recorded twice").isEqualTo("0");
        assertThat(Integer.parseInt(db.scalar("SELECT count(*) FROM databasechangelog"))).isGreaterThan(50);
        for (String schema : List.of("mina", "whisper", "textloom_core", "grove", "fastnext")) {
            assertThat(Catalog.invalidIndexes(db, schema)).as("INVALID indexes in " + schema).isEmpty();
        }
    }

}
