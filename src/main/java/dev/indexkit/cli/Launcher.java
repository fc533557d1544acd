package dev.indexkit.cli;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code indexkit-<version>-cli.jar}: puts the library jar beside it and every jar in
 * {@code lib/} on a class loader and runs {@link Main}. Uses JDK classes only, because nothing else
 * is on the class path yet when it starts.
 */
public final class Launcher {

    private Launcher() {
    }

    /**
     * Loads the library and {@code lib/} and calls {@link Main#main}; exits with 2 when {@code lib/} is missing.
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
        File[] jars = new File(dir, "lib").listFiles((d, name) -> name.endsWith(".jar"));
        if (jars == null) {
            System.err.println("indexkit: no lib/ folder beside " + self + ": run `mvn package` or keep lib/ with the jar");
            System.exit(2);
        }
        Arrays.sort(jars);
        for (File jar : jars) {
            urls.add(jar.toURI().toURL());
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Method main = loader.loadClass("dev.indexkit.cli.Main").getMethod("main", String[].class);
        main.invoke(null, (Object) args);
    }
}
