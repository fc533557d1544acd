/**
 * The indexkit CLI's commands and their shared options.
 *
 * <p>Internal: may change in any release; see {@link dev.indexkit.internal}.
 */
package dev.indexkit.internal.cli;
