/**
 * Plain-text tables shared by the CLI and the reports.
 *
 * <p>Internal: may change in any release; see {@link dev.indexkit.internal}.
 */
package dev.indexkit.internal.text;
