/**
 * The explainers, the one judge and the report behind verification.
 *
 * <p>Internal: may change in any release; see {@link dev.indexkit.internal}.
 */
package dev.indexkit.internal.verify;
