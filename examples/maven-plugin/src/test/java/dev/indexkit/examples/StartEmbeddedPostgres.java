package dev.indexkit.examples;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts a real PostgreSQL on a fixed port inside Maven's JVM for the integration-test phases; it
 * stops when Maven exits (the library's shutdown hook).
 */
public final class StartEmbeddedPostgres {

    /** Held so the server outlives main(). */
    static EmbeddedPostgres server;

    public static void main(String[] args) throws Exception {
        server = EmbeddedPostgres.builder().setPort(Integer.parseInt(args[0])).start();
        System.out.println("embedded PostgreSQL on port " + server.getPort());
    }
}
