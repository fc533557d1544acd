package dev.indexkit.internal.verify;

import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.internal.sql.SessionSettings;
import dev.indexkit.liquibase.Pack;
import dev.indexkit.verify.DataLoader;
import dev.indexkit.verify.VerifyCatalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Runs a pack's catalog where {@code indexkit/all.yaml} put it: each pack in its own schema. */
public final class VerifyRun {

    private VerifyRun() {
    }

    /** Points unqualified names in the pack's queries and data at the pack's schema. */
    public static void useSchema(Connection connection, Pack pack) throws SQLException {
        SessionSettings.set(connection, "search_path", Identifiers.quote(pack.sharedSchema()) + ", public", false);
    }

    /** Loads the pack's production-shaped data into its schema at the given scale, then VACUUM ANALYZE. */
    public static void seed(Connection connection, Pack pack, int scale) throws SQLException {
        useSchema(connection, pack);
        VerifyCatalog catalog = VerifyCatalog.fromClasspath(pack.catalog());
        if (catalog.dataScript() == null) {
            throw new IllegalArgumentException("catalog " + pack.catalog() + " names no data script");
        }
        DataLoader.load(connection, "indexkit/verify/" + catalog.dataScript(), scale);
    }
}
