/** Internal: the Spring Boot auto-configuration's scheduler and its hook into Spring's Liquibase runs. */
package dev.indexkit.internal.spring;
