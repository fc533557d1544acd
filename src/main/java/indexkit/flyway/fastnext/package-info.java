/**
 * The Flyway location {@code classpath:indexkit/flyway/fastnext}: the fastnext pack's repeatable migration, found
 * by Flyway's scan of the location (see {@link dev.indexkit.flyway.PackMigration}).
 */
package indexkit.flyway.fastnext;
