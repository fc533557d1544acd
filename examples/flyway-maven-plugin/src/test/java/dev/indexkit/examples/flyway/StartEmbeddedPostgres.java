package dev.indexkit.examples.flyway;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.io.FileUtils;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts a real PostgreSQL on a fixed port inside Maven's JVM for the integration-test phases; it
 * stops when Maven exits (the library's shutdown hook).
 */
public final class StartEmbeddedPostgres {

    /** Held so the server outlives main(). */
    static EmbeddedPostgres server;

    public static void main(String[] args) throws Exception {
        server = EmbeddedPostgres.builder().setPort(Integer.parseInt(args[0])).start();
        // The shutdown hook deletes the data directory with commons-io after exec:java has closed this
        // class loader; load those classes now so the hook can still find them.
        // (A directory with content: deleting it walks the same code as deleting the data directory.)
        Path scratch = Files.createTempDirectory("indexkit-example");
        Files.writeString(Files.createDirectories(scratch.resolve("sub")).resolve("file"), "x");
        FileUtils.deleteDirectory(scratch.toFile());
        System.out.println("embedded PostgreSQL on port " + server.getPort());
    }
}
