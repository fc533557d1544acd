package dev.indexkit.internal.progress;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Prints build progress: a redrawn progress bar on a terminal, plain lines otherwise (CI logs,
 * pipes), so logs never fill with carriage-return noise.
 */
public final class ProgressPrinter implements Consumer<BuildProgress> {

    private static final int BAR = 30;
    private final PrintStream out;
    private final boolean terminal;

    public ProgressPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Bar when standard output is an interactive terminal. */
    public static ProgressPrinter forConsole(PrintStream out) {
        return new ProgressPrinter(out, System.console() != null);
    }

    @Override
    public synchronized void accept(BuildProgress p) {
        if (!terminal) {
            out.println("  [progress] " + p.describe());
            return;
        }
        int filled = p.percent() < 0 ? 0 : p.percent() * BAR / 100;
        out.print("\r  [" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + p.describe() + "\u001B[K");
        if (p.percent() >= 100) {
            out.println();
        }
        out.flush();
    }
}
