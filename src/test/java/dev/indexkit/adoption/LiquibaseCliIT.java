package dev.indexkit.adoption;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The way a deploy pipeline runs indexkit: the real Liquibase CLI entry point in its own JVM, with
 * the built indexkit jar on {@code --classpath}, for Liquibase 4.33.0 and 5.0.x.
 */
class LiquibaseCliIT {

    private static final String MINA = "indexkit/mina/changelog.yaml";

    @ParameterizedTest(name = "Liquibase {0}")
    @ValueSource(strings = {"4.33.0", "5"})
    void should_update_tag_roll_back_and_print_sql_with_the_jar_on_the_classpath(String version) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        Cli cli = new Cli(version, db);

        String sql = cli.run("--changelog-file=" + MINA, "update-sql");
        assertThat(sql).contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"ix_meetings_workspace_status_created\"");
        assertThat(sql.substring(sql.indexOf("ix_meetings_workspace_status_created"))).doesNotContain("BEGIN;");

        cli.run("--changelog-file=" + MINA, "update");
        assertThat(Catalog.indexDefinitions(db, "public")).containsKeys("ix_meetings_workspace_status_created",
                "ix_tasks_open_due_date", "ix_segments_session_final_created");
        assertThat(Catalog.invalidIndexes(db, "public")).isEmpty();

        cli.run("tag", "--tag=deploy-42");
        assertThat(db.column("SELECT tag FROM databasechangelog WHERE tag IS NOT NULL")).contains("deploy-42");

        cli.run("--changelog-file=" + MINA, "rollback", "--tag=mina-schema");
        assertThat(Catalog.indexDefinitions(db, "public")).doesNotContainKeys("ix_meetings_workspace_status_created",
                "ix_tasks_open_due_date").containsKey("ix_segments_session_id");

        cli.run("--changelog-file=" + MINA, "update");
        assertThat(Catalog.indexDefinitions(db, "public")).containsKey("ix_meetings_workspace_status_created");

        // Changeset identity does not depend on how the changelog is found: the same pack read from
        // the source tree (filesystem) has nothing pending after the classpath run.
        String status = cli.run("--search-path=" + new File("changelogs").getAbsolutePath(),
                "--changelog-file=mina/changelog.yaml", "status", "--verbose");
        assertThat(status).contains("is up to date");
    }

    @ParameterizedTest(name = "Liquibase {0}")
    @ValueSource(strings = {"4.33.0"})
    void should_apply_every_pack_with_the_real_cli(String version) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        long start = System.nanoTime();
        new Cli(version, db).run("--changelog-file=indexkit/all.yaml", "update");
        System.out.printf("Liquibase CLI %s applied indexkit/all.yaml in %d ms (JVM start included)%n", version,
                (System.nanoTime() - start) / 1_000_000);
        for (String schema : new String[]{"mina", "whisper", "textloom_core", "grove", "fastnext"}) {
            assertThat(Catalog.indexDefinitions(db, schema)).as(schema).isNotEmpty();
            assertThat(Catalog.invalidIndexes(db, schema)).as(schema).isEmpty();
        }
    }

    /** Runs LiquibaseCommandLine in a child JVM. */
    private static final class Cli {
        private final String classpath;
        private final TestDatabase db;

        Cli(String version, TestDatabase db) {
            this.db = db;
            List<String> entries = new ArrayList<>(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
            // The test classpath holds liquibase-core 4.33.0 and its dependencies; for 5.x swap the core jar.
            entries.removeIf(e -> e.contains("indexkit") && !e.endsWith(".jar") || e.contains("surefire") || e.contains("failsafe"));
            if (!version.startsWith("4.")) {
                String core5 = System.getProperty("liquibase5.jar");
                assertThat(new File(core5)).as("Liquibase 5 core copied by the pom").exists();
                entries.replaceAll(e -> e.contains("liquibase-core") ? core5 : e);
            }
            assertThat(entries).anyMatch(e -> e.contains("liquibase-core"));
            this.classpath = String.join(File.pathSeparator, entries);
        }

        String run(String... args) throws IOException, InterruptedException {
            String jar = System.getProperty("indexkit.jar");
            assertThat(new File(jar)).as("indexkit jar built by mvn package").exists();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath, "liquibase.integration.commandline.LiquibaseCommandLine",
                    "--show-banner=false", "--url=" + db.url(), "--username=" + db.user(), "--password=" + db.password(),
                    "--classpath=" + jar));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // This machine has no network beyond package registries; keep the CLI from phoning home.
            builder.environment().put("LIQUIBASE_ANALYTICS_ENABLED", "false");
            Process p = builder.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as("liquibase " + String.join(" ", args) + "\n" + out).isZero();
            assertThat(out).as("the password never appears in output").doesNotContain("--password=" + db.password() + " ");
            return out;
        }
    }
}
