package dev.indexkit.flyway;

import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.plugin.PluginRegister;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Flyway's PostgreSQL lock is by default a transaction-level advisory lock held while it migrates;
 * that open transaction is one every {@code CREATE INDEX CONCURRENTLY} waits for, so a concurrent
 * build would wait on its own migration (flyway#3682, #3854). indexkit refuses to start instead, and
 * also when it cannot read the setting: the alternative is a migration that waits forever.
 */
final class FlywayLock {

    private static final String HOW = "set flyway.postgresql.transactional.lock=false (Spring Boot: "
            + "spring.flyway.postgresql.transactional-lock=false; Maven plugin: <pluginConfiguration>"
            + "<postgresql.transactional.lock>false</postgresql.transactional.lock></pluginConfiguration>; Java, Flyway 13: "
            + "configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false), "
            + "Flyway 11: configuration.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class)"
            + ".setTransactionalLock(false))";

    private FlywayLock() {
    }

    static void requireNonTransactional(Configuration configuration) {
        Boolean transactional = transactionalLock(configuration);
        if (transactional == null) {
            throw new IllegalStateException("indexkit builds indexes CONCURRENTLY, which waits for every open transaction, "
                    + "including the one Flyway holds its migration lock in by default, and cannot read that setting from "
                    + "this Flyway (no PostgreSQLConfigurationExtension in its plugin register): indexkit's Flyway migrations "
                    + "need Flyway 11 or later with flyway-database-postgresql; then " + HOW);
        }
        if (transactional) {
            throw new IllegalStateException("indexkit builds indexes CONCURRENTLY, which waits for every open transaction, "
                    + "including the one Flyway holds its migration lock in: " + HOW);
        }
    }

    /** The setting, or null when this Flyway has no PostgreSQL extension indexkit can read. */
    private static Boolean transactionalLock(Configuration configuration) {
        try {
            PostgreSQLConfigurationExtension extension = extension(configuration.getPluginRegister());
            return extension == null ? null : extension.isTransactionalLock();
        } catch (LinkageError absent) {
            return null;
        }
    }

    /**
     * {@code getExact} where Flyway has it (13, where {@code getPlugin} is deprecated and calls it), else
     * {@code getPlugin} (11, the Flyway Spring Boot 3.5 and 4.0 manage, which has no {@code getExact}).
     */
    @SuppressWarnings("deprecation")
    private static PostgreSQLConfigurationExtension extension(PluginRegister plugins) {
        try {
            return plugins.getExact(PostgreSQLConfigurationExtension.class);
        } catch (NoSuchMethodError olderFlyway) {
            return plugins.getPlugin(PostgreSQLConfigurationExtension.class);
        }
    }
}
