/**
 * The Flyway location {@code classpath:indexkit/flyway/whisper}: the whisper pack's repeatable migration, found
 * by Flyway's scan of the location (see {@link dev.indexkit.flyway.PackMigration}).
 */
package indexkit.flyway.whisper;
