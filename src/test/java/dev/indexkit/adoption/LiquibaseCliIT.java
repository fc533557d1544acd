package dev.indexkit.adoption;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The way a deploy pipeline runs indexkit, exactly as the README says: the Liquibase distribution's
 * own launcher in its own JVM, with the built indexkit jar and the PostgreSQL driver on
 * {@code --classpath} and nowhere else, for Liquibase 4.33.0 and 5.0.x.
 */
class LiquibaseCliIT {

    private static final String MINA = "indexkit/mina/changelog.yaml";

    @ParameterizedTest(name = "Liquibase {0}")
    @ValueSource(strings = {"4.33.0", "5"})
    void should_update_tag_roll_back_and_print_sql_with_the_jar_on_the_classpath_option(String version) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        Cli cli = new Cli(version, db);

        // The launcher lists what it loaded: its own version, and indexkit from --classpath.
        String about = cli.run("--version");
        assertThat(about).contains("Liquibase Version: " + version, "Liquibase Home: " + cli.home)
                .containsPattern("indexkit-[^/]*\\.jar: indexkit ");

        String sql = cli.run("--changelog-file=" + MINA, "update-sql");
        assertThat(sql).contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"ix_meetings_workspace_status_created\"");
        assertThat(sql.substring(sql.indexOf("ix_meetings_workspace_status_created"))).doesNotContain("BEGIN;");

        cli.run("--changelog-file=" + MINA, "update");
        assertThat(Catalog.indexDefinitions(db, "public")).containsKeys("ix_meetings_workspace_status_created",
                "ix_tasks_open_due_date", "ix_sessions_started_at");
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

    @Test
    void should_find_a_services_own_changelog_directory_through_the_search_path(@TempDir Path dir) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        // A service's changelog: its own changesets (no logicalFilePath) and a pack from the jar.
        Files.writeString(dir.resolve("changelog.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: orders-table
                      author: svc
                      changes:
                        - createTable:
                            tableName: orders
                            columns:
                              - column: {name: id, type: bigint}
                              - column: {name: customer_id, type: bigint}
                  - changeSet:
                      id: orders-customer
                      author: svc
                      runInTransaction: false
                      changes:
                        - ensureIndex:
                            tableName: orders
                            indexName: ix_orders_customer
                            columns:
                              - column: {name: customer_id}
                  - include:
                      file: indexkit/mina/changelog.yaml
                """);
        // The search path replaces Liquibase's default (the working directory and --classpath), so the
        // jar is named in it too, for the include.
        new Cli("4.33.0", db).run("--search-path=" + dir + "," + Cli.indexkitJar(), "--changelog-file=changelog.yaml", "update");
        assertThat(Catalog.indexDefinitions(db, "public")).containsKeys("ix_orders_customer", "ix_meetings_workspace_status_created");
        assertThat(db.column("SELECT DISTINCT filename FROM databasechangelog WHERE author = 'svc'"))
                .as("recorded relative to the search path").containsExactly("changelog.yaml");

        // indexkit given the same file by absolute path records the same name: nothing is pending.
        String applied = db.scalar("SELECT count(*) FROM databasechangelog");
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update(dir.resolve("changelog.yaml").toString());
        }
        assertThat(db.scalar("SELECT count(*) FROM databasechangelog")).isEqualTo(applied);
    }

    @Test
    void should_not_know_ensureIndex_when_indexkit_is_left_off_the_classpath() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        // The same pack read from the source tree, so only the extension is missing, not the changelog.
        String out = new Cli("4.33.0", db, List.of(Cli.postgresqlJar())).fail(
                "--search-path=" + new File("changelogs").getAbsolutePath(), "--changelog-file=mina/indexes.yaml", "update-sql");
        assertThat(out).contains("Unknown change type 'ensureIndex'")
                .as("the driver on --classpath was loaded: the launcher honours --classpath")
                .doesNotContain("Cannot find database driver");
    }

    /**
     * Starts Liquibase as its distribution's {@code liquibase} script does: a JVM whose {@code -cp} is
     * {@code internal/lib/liquibase-core.jar} alone, running {@code LiquibaseLauncher} with
     * {@code LIQUIBASE_HOME} set. The launcher loads Liquibase afresh from {@code internal/lib} plus
     * {@code --classpath}, so indexkit and the driver are found through {@code --classpath} or not at all
     * ({@code java -cp <liquibase jars> LiquibaseCommandLine --classpath=...} ignores that option's jars).
     */
    private static final class Cli {
        private final Path home;
        private final TestDatabase db;
        private final List<String> classpath;

        Cli(String version, TestDatabase db) throws IOException {
            this(version, db, List.of(indexkitJar(), postgresqlJar()));
        }

        Cli(String version, TestDatabase db, List<String> classpath) throws IOException {
            this.home = version.startsWith("4.") ? LiquibaseHome.v4() : LiquibaseHome.v5();
            this.db = db;
            this.classpath = classpath;
        }

        static String indexkitJar() {
            return existing("indexkit.jar", "the indexkit jar built by mvn package");
        }

        static String postgresqlJar() {
            return existing("postgresql.jar", "the PostgreSQL driver copied to target/lib by mvn package");
        }

        /** Runs the CLI and expects success; returns what it printed. */
        String run(String... args) throws IOException, InterruptedException {
            Result r = start(args);
            assertThat(r.exit).as("liquibase " + String.join(" ", args) + "\n" + r.out).isZero();
            return r.out;
        }

        /** Runs the CLI and expects it to fail; returns what it printed. */
        String fail(String... args) throws IOException, InterruptedException {
            Result r = start(args);
            assertThat(r.exit).as("liquibase " + String.join(" ", args) + " should fail\n" + r.out).isNotZero();
            return r.out;
        }

        private Result start(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", home.resolve("internal/lib/liquibase-core.jar").toString(),
                    "liquibase.integration.commandline.LiquibaseLauncher",
                    "--show-banner=false", "--url=" + db.url(), "--username=" + db.user(), "--password=" + db.password(),
                    "--classpath=" + String.join(File.pathSeparator, classpath)));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("LIQUIBASE_HOME", home.toString());
            // This machine has no network beyond package registries; keep the CLI from phoning home.
            builder.environment().put("LIQUIBASE_ANALYTICS_ENABLED", "false");
            Process p = builder.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(out).as("the password never appears in output").doesNotContain("--password=" + db.password() + " ");
            return new Result(p.exitValue(), out);
        }

        private record Result(int exit, String out) {
        }

        private static String existing(String property, String what) {
            String path = System.getProperty(property);
            assertThat(path).as(property + ": " + what + " (set by the pom for failsafe)").isNotNull();
            assertThat(new File(path)).as(what).exists();
            return path;
        }
    }

    /** The Liquibase homes the pom lays out in target/ (internal/lib as the distribution has it). */
    private static final class LiquibaseHome {

        static Path v4() {
            String home = System.getProperty("liquibase.home");
            assertThat(home).as("liquibase.home, laid out by mvn package").isNotNull();
            Path lib = Path.of(home, "internal", "lib");
            assertThat(lib.resolve("liquibase-core.jar")).exists();
            assertThat(lib.resolve("picocli.jar")).exists();
            assertThat(lib.toFile().list()).as("no driver and no indexkit in the Liquibase home")
                    .noneMatch(n -> n.contains("postgresql") || n.contains("indexkit"));
            return Path.of(home);
        }

        /** The 4.33.0 home with Liquibase 5's core in place of 4.33.0's, in target/liquibase-5.x/home. */
        static synchronized Path v5() throws IOException {
            Path v4 = v4();
            String core5 = System.getProperty("liquibase5.jar");
            assertThat(new File(core5)).as("Liquibase 5 core copied by the pom").exists();
            Path home = Path.of(core5).resolveSibling("home");
            Path lib = Files.createDirectories(home.resolve("internal/lib"));
            try (Stream<Path> jars = Files.list(v4.resolve("internal/lib"))) {
                for (Path jar : (Iterable<Path>) jars::iterator) {
                    Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.copy(Path.of(core5), lib.resolve("liquibase-core.jar"), StandardCopyOption.REPLACE_EXISTING);
            return home;
        }
    }
}
