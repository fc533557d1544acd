/**
 * The embedded PostgreSQL server and the inventories behind {@code indexkit demo}.
 *
 * <p>Internal: may change in any release; see {@link dev.indexkit.internal}.
 */
package dev.indexkit.internal.demo;
