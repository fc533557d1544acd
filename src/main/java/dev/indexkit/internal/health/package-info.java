/**
 * The catalog queries and index shapes behind {@code IndexHealth}.
 *
 * <p>Internal: may change in any release; see {@link dev.indexkit.internal}.
 */
package dev.indexkit.internal.health;
