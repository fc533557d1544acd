/**
 * Spring Boot 3.5 and 4.0: an auto-configuration ({@link dev.indexkit.spring.IndexkitAutoConfiguration})
 * that keeps the monthly partitions of the tables under {@code indexkit.partitions.tables} on a cron,
 * replicas taking turns ({@link dev.indexkit.spring.PartitionMaintenance}), and applies
 * {@code indexkit.liquibase.session-lock} to Spring's Liquibase runs ({@link dev.indexkit.spring.IndexkitProperties}).
 * Spring is not a dependency of the library: the service brings its Boot, and only Boot reads the
 * registration.
 */
package dev.indexkit.spring;
