package dev.indexkit.internal.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL from Maven Central (zonky embedded binaries) for the demo: no Docker, no install,
 * works as root. Optional dependency: only the demo and tests need it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final String DATABASE = "indexkit_demo";
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedPostgresServer start() throws Exception {
        // maintenance_work_mem: the packs' index builds sort in memory (and may take a parallel worker,
        // which needs 32 MB of its own); it does not change a query's plan.
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("shared_buffers", "256MB")
                .setServerConfig("maintenance_work_mem", "256MB").start();
        try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
        }
        return new EmbeddedPostgresServer(pg);
    }

    public String url() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "postgres");
    }

    /** A new, empty database on the same server (benchmarks compare runs on fresh databases); opens sessions on it. */
    public dev.indexkit.internal.verify.VerifyRun.Connector createDatabase(String name) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + dev.indexkit.internal.sql.Identifiers.quote(name));
        }
        String url = postgres.getJdbcUrl("postgres", name);
        return () -> DriverManager.getConnection(url, "postgres", "postgres");
    }

    public String version() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version()")) {
            rs.next();
            return rs.getString(1).replaceAll(" on .*", "");
        }
    }

    @Override
    public void close() throws Exception {
        postgres.close();
    }
}
