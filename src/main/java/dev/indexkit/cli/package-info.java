/**
 * The {@code indexkit} command line ({@link dev.indexkit.cli.Main}, and {@link dev.indexkit.cli.Launcher}, the
 * {@code -cli.jar}'s entry point). Its public interface is the command
 * line itself ({@code indexkit --help}); the commands are in {@code dev.indexkit.internal.cli}.
 */
package dev.indexkit.cli;
