/** Internal: a pack's definition read without Liquibase, and its preconditions. */
package dev.indexkit.internal.flyway;
