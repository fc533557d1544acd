/**
 * The Liquibase extension: the change types a changelog uses ({@link dev.indexkit.liquibase.EnsureIndexChange
 * ensureIndex}, {@link dev.indexkit.liquibase.DropIndexSafelyChange dropIndexSafely},
 * {@link dev.indexkit.liquibase.EnsureMonthlyPartitionsChange ensureMonthlyPartitions},
 * {@link dev.indexkit.liquibase.RequireIdentifierChange requireIdentifier}), the shipped
 * {@link dev.indexkit.liquibase.Pack packs}, and {@link dev.indexkit.liquibase.ChangelogRunner} to run a
 * changelog from Java.
 *
 * <p>Liquibase finds the changes, SQL generators and services through {@code META-INF/services}; a
 * service adds the jar and writes changelogs, it never calls the generators or statements (those live in
 * {@code dev.indexkit.internal.liquibase} and may change in any release).
 */
package dev.indexkit.liquibase;
