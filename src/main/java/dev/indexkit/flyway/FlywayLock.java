package dev.indexkit.flyway;

import org.flywaydb.core.api.configuration.Configuration;

/**
 * Flyway's PostgreSQL lock is by default a transaction-level advisory lock held while it migrates;
 * that open transaction is one every {@code CREATE INDEX CONCURRENTLY} waits for, so a concurrent
 * build would wait on its own migration (flyway#3682, #3854). indexkit refuses to start instead.
 */
final class FlywayLock {

    private FlywayLock() {
    }

    static void requireNonTransactional(Configuration configuration) {
        Boolean transactional = transactionalLock(configuration);
        if (Boolean.TRUE.equals(transactional)) {
            throw new IllegalStateException("indexkit builds indexes CONCURRENTLY, which waits for every open transaction, "
                    + "including the one Flyway holds its migration lock in: set flyway.postgresql.transactional.lock=false "
                    + "(Spring Boot: spring.flyway.postgresql.transactional-lock=false; Java: "
                    + "configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false))");
        }
    }

    /** The setting, or null when flyway-database-postgresql is not there to say. */
    private static Boolean transactionalLock(Configuration configuration) {
        try {
            org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension extension = configuration.getPluginRegister()
                    .getExact(org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension.class);
            return extension == null ? null : extension.isTransactionalLock();
        } catch (LinkageError absent) {
            return null;
        }
    }
}
