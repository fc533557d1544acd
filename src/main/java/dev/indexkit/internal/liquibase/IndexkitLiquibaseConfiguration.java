package dev.indexkit.internal.liquibase;

import liquibase.configuration.AutoloadedConfigurations;
import liquibase.configuration.ConfigurationDefinition;

/**
 * indexkit's settings in Liquibase's own configuration system, so every way Liquibase reads a setting
 * reads these too: a JVM system property ({@code -Dindexkit.sessionLock=false}), the environment
 * ({@code INDEXKIT_SESSION_LOCK=false}), or a value of the Liquibase {@code Scope} the run happens in
 * (what the Spring Boot auto-configuration sets from {@code indexkit.liquibase.session-lock}).
 * Registered through {@code META-INF/services/liquibase.configuration.AutoloadedConfigurations}.
 */
public final class IndexkitLiquibaseConfiguration implements AutoloadedConfigurations {

    /** Whether the changelog lock is a session advisory lock ({@link PostgresSessionLockService}). */
    public static final ConfigurationDefinition<Boolean> SESSION_LOCK;

    static {
        ConfigurationDefinition.Builder builder = new ConfigurationDefinition.Builder("indexkit");
        SESSION_LOCK = builder.define("sessionLock", Boolean.class)
                .setDescription("On PostgreSQL, take Liquibase's changelog lock as a session-level advisory lock that "
                        + "ends with its session (indexkit), instead of the DATABASECHANGELOGLOCK row. Set false while "
                        + "Liquibases without indexkit migrate the same changelog tables: the two locks do not see each other.")
                .setDefaultValue(true)
                .build();
    }

    /** The key as Liquibase reads it (a system property, a scope value). */
    public static final String SESSION_LOCK_KEY = "indexkit.sessionLock";

    /** Whether the session lock is on for the Liquibase run in the current scope. */
    public static boolean sessionLock() {
        Boolean value = SESSION_LOCK.getCurrentValue();
        return value == null || value;
    }
}
