/**
 * Liquibase plumbing: statements, SQL generators, printed plans, the session lock and history services.
 *
 * <p>Internal: may change in any release; see {@link dev.indexkit.internal}.
 */
package dev.indexkit.internal.liquibase;
