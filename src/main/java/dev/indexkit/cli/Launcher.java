package dev.indexkit.cli;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code indexkit-<version>-cli.jar}: puts the library jar beside it, every jar in
 * {@code lib/} and, when the folder is there, every jar in {@code lib/demo/} (embedded PostgreSQL)
 * on a class loader and runs {@link Main}. Uses JDK classes only, because nothing else is on the
 * class path yet when it starts.
 */
public final class Launcher {

    private Launcher() {
    }

    /**
     * Loads the library, {@code lib/} and {@code lib/demo/} and calls {@link Main#main}; exits with 2
     * when {@code lib/} is missing.
     *
     * @param args passed to {@link Main#main} unchanged
     * @throws Exception when the jars cannot be located or loaded, or {@code Main} cannot be called
     */
    public static void main(String[] args) throws Exception {
        File self = new File(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        File dir = self.getParentFile();
        String library = self.getName().replace("-cli.jar", ".jar");
        List<URL> urls = new ArrayList<>();
        urls.add(new File(dir, library).toURI().toURL());
        File[] jars = jars(new File(dir, "lib"));
        if (jars == null) {
            // A -cli.jar copied alone (from the local repository, say) has nothing to run with.
            System.err.println("indexkit: no lib/ folder beside " + self + ": unpack "
                    + self.getName().replace(".jar", ".tar.gz") + " (`mvn package` builds it in target/) and run its bin/indexkit");
            System.exit(2);
        }
        // lib/demo/ is there only when the demo archive was unpacked (or in target/): it is the one
        // folder with the embedded server, and nothing else reads it, so it may be absent.
        File[] demo = jars(new File(dir, "lib/demo"));
        for (File[] folder : new File[][]{jars, demo == null ? new File[0] : demo}) {
            for (File jar : folder) {
                urls.add(jar.toURI().toURL());
            }
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Method main = loader.loadClass("dev.indexkit.cli.Main").getMethod("main", String[].class);
        main.invoke(null, (Object) args);
    }

    /** The jars of a folder in name order (a stable class path), or null when there is no folder. */
    private static File[] jars(File folder) {
        File[] jars = folder.listFiles((d, name) -> name.endsWith(".jar"));
        if (jars != null) {
            Arrays.sort(jars);
        }
        return jars;
    }
}
