package dev.indexkit.internal.cli;

import dev.indexkit.cli.Main;
import picocli.CommandLine;

/** The version from the jar manifest, or "development" when run from classes. */
public final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[]{"indexkit " + (v == null ? "development" : v)};
    }
}
