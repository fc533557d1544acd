package dev.indexkit.internal.cli;

/**
 * Embedded PostgreSQL lives in {@code lib/demo/}, which {@code indexkit-<v>-cli.tar.gz} leaves out (a
 * deploy host never starts a server, and the binaries are 14.5 MB for one platform). {@code demo} and
 * {@code verify --embedded} check for it before they start and say what to add, instead of dying on
 * a missing class; nothing is downloaded.
 */
final class EmbeddedPostgresRequirement {

    /** Looked up as a resource: loading the class itself would be the failure this check replaces. */
    static final String SERVER_CLASS = "io/zonky/test/db/postgres/embedded/EmbeddedPostgres.class";

    private EmbeddedPostgresRequirement() {
    }

    /** Throws a bad-input error naming what to add when the embedded server is not on the class path. */
    static void require(String serverFallback) {
        require(serverFallback, EmbeddedPostgresRequirement.class.getClassLoader());
    }

    /** The message follows "indexkit &lt;command&gt;: " (FailureHandler), so it does not name the command again. */
    static void require(String serverFallback, ClassLoader loader) {
        if (loader.getResource(SERVER_CLASS) != null) {
            return;
        }
        String version = dev.indexkit.cli.Main.class.getPackage().getImplementationVersion();
        String v = version == null ? "<version>" : version;
        throw new BadInputException("embedded PostgreSQL is not installed: it is the lib/demo/ folder, "
                + "left out of indexkit-" + v + "-cli.tar.gz. Unpack indexkit-" + v + "-cli-demo.tar.gz in the folder where you unpacked "
                + "indexkit-" + v + "-cli.tar.gz (it adds indexkit-" + v + "/lib/demo/), or run against a PostgreSQL server: "
                + serverFallback, null);
    }
}
