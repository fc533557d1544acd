/**
 * Identifier quoting, SQL fragment checks, read-only transactions and JDBC URL handling.
 *
 * <p>Internal: may change in any release; see {@link dev.indexkit.internal}.
 */
package dev.indexkit.internal.sql;
