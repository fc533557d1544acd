package dev.indexkit.adoption;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged {@code -cli.jar} starts as the README runs it: {@code java -jar target/indexkit-<version>-cli.jar}. */
class CliJarIT {

    @Test
    void should_run_the_cli_jar_with_java_dash_jar() throws Exception {
        Path jar = Path.of(System.getProperty("indexkit.cliJar"));
        assertThat(jar).exists();
        Path output = Files.createTempFile("indexkit-cli", ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--help").redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(output)).isZero();
        assertThat(Files.readString(output)).contains("update", "rollback", "partitions", "verify", "health");
    }

    @Test
    void should_name_the_archive_to_unpack_when_the_cli_jar_is_copied_without_lib(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // As the local repository holds it: the -cli.jar alone, no lib/ beside it.
        Path jar = Files.copy(Path.of(System.getProperty("indexkit.cliJar")), dir.resolve("indexkit-9.9.9-cli.jar"));
        Path output = dir.resolve("out.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--version").redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(output)).isEqualTo(2);
        assertThat(Files.readString(output)).contains("no lib/ folder", "unpack indexkit-9.9.9-cli.tar.gz", "bin/indexkit");
    }
}
