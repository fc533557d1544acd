/**
 * Progress and blocker reporting for long builds.
 *
 * <p>Internal: may change in any release; see {@link dev.indexkit.internal}.
 */
package dev.indexkit.internal.progress;
