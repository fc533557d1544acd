package dev.indexkit.liquibase;

import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

import java.io.File;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Liquibase looks for a changelog named by a path, and the path it is handed. For a changeset
 * without {@code logicalFilePath} that path is the identity DATABASECHANGELOG records (its FILENAME),
 * so each form maps onto the Liquibase CLI invocation that records the same:
 * <ul>
 *   <li>a relative path is handed over as given, found in the jar or the working directory, as
 *       {@code liquibase --changelog-file=db/changelog.yaml} from that directory;</li>
 *   <li>an absolute path is found in its own directory (then the jar, for the packs it includes) and
 *       handed over as its file name, as {@code liquibase --search-path=<dir> --changelog-file=<name>}:
 *       the same from every working directory, which is what a deploy script giving an absolute path
 *       needs. Liquibase's own accessors refuse an absolute path ("does not exist").</li>
 * </ul>
 * The two forms of one file are two identities; the README says so.
 */
final class ChangelogLocation {

    private final ResourceAccessor accessor;
    private final String path;

    private ChangelogLocation(ResourceAccessor accessor, String path) {
        this.accessor = accessor;
        this.path = path;
    }

    /** @param changelog as the caller gave it; null for a command without one (tag) */
    static ChangelogLocation of(String changelog) throws FileNotFoundException {
        if (changelog == null || !new File(changelog).isAbsolute()) {
            return new ChangelogLocation(classpathAndWorkingDirectory(), changelog);
        }
        Path file = Path.of(changelog).normalize();
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("changelog " + changelog + " does not exist or is not a file: give the path of an"
                    + " existing changelog, or a pack from the jar without a leading / (indexkit/mina/changelog.yaml)");
        }
        return new ChangelogLocation(new CompositeResourceAccessor(new DirectoryResourceAccessor(file.getParent()),
                classpath()), file.getFileName().toString());
    }

    /** What Liquibase searches for the changelog and for the files it includes. */
    ResourceAccessor accessor() {
        return accessor;
    }

    /** The changelog path handed to Liquibase; null for a command without a changelog. */
    String path() {
        return path;
    }

    private static ResourceAccessor classpathAndWorkingDirectory() throws FileNotFoundException {
        return new CompositeResourceAccessor(classpath(), new DirectoryResourceAccessor(new File(".").getAbsoluteFile()));
    }

    private static ResourceAccessor classpath() {
        return new ClassLoaderResourceAccessor(ChangelogRunner.class.getClassLoader());
    }
}
