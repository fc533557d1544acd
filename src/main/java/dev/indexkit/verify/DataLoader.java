package dev.indexkit.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Loads a catalog's production-shaped data: a SQL script (statements end with a semicolon at the end
 * of a line) where {@code :scale} stands for a whole-number scale factor, then
 * {@code VACUUM ANALYZE} so the planner sees real statistics and visibility maps.
 */
public final class DataLoader {

    private DataLoader() {
    }

    /**
     * Runs the script statement by statement in auto-commit mode, then {@code VACUUM ANALYZE}; the
     * connection's auto-commit setting is restored after.
     *
     * @param connection the database to load, usually an empty schema the catalog's changelog created
     * @param resource   the script on the classpath, e.g. {@code indexkit/verify/mina-data.sql}
     * @param scale      what {@code :scale} becomes: 1 (CI) to 10000
     * @throws SQLException when a statement fails
     * @throws IllegalArgumentException when the scale is out of range or the script is not on the classpath
     */
    public static void load(Connection connection, String resource, int scale) throws SQLException {
        String script;
        try (InputStream in = DataLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("data script " + resource + " is not on the classpath");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + resource + ": " + e.getMessage(), e);
        }
        run(connection, script, scale);
    }

    /**
     * The same for a script file, such as the {@code data:} of a service's own catalog
     * ({@link VerifyCatalog#dataFile()}).
     *
     * @param connection the database to load
     * @param script     the script file
     * @param scale      what {@code :scale} becomes: 1 (CI) to 10000
     * @throws SQLException when a statement fails
     * @throws IllegalArgumentException when the scale is out of range or the file cannot be read
     */
    public static void load(Connection connection, java.nio.file.Path script, int scale) throws SQLException {
        try {
            run(connection, java.nio.file.Files.readString(script, StandardCharsets.UTF_8), scale);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read data script " + script + ": " + e.getMessage(), e);
        }
    }

    private static void run(Connection connection, String script, int scale) throws SQLException {
        if (scale < 1 || scale > 10_000) {
            throw new IllegalArgumentException("scale " + scale + " is out of range: use 1 (CI) to 10000");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            for (String sql : script.replace(":scale", Integer.toString(scale)).split(";\\s*\\n")) {
                String stripped = sql.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n").strip();
                if (!stripped.isEmpty()) {
                    st.execute(stripped);
                }
            }
            // SQLite has no VACUUM ANALYZE: ANALYZE alone gathers its statistics (sqlite_stat1).
            st.execute(dev.indexkit.internal.verify.Verifier.isSqlite(connection) ? "ANALYZE" : "VACUUM ANALYZE");
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
