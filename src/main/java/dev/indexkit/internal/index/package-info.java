/**
 * Index definitions, the planner that turns one into ordered DDL steps from the catalog, and the builders that run them (PostgreSQL, SQLite).
 *
 * <p>Internal: may change in any release; see {@link dev.indexkit.internal}.
 */
package dev.indexkit.internal.index;
