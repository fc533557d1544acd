package indexkit.flyway.grove;

import dev.indexkit.flyway.PackMigration;
import dev.indexkit.liquibase.Pack;

/** The grove pack for Flyway, found in the location {@code classpath:indexkit/flyway/grove}. */
public final class GrovePackMigration extends PackMigration {

    /** The grove pack's repeatable migration. */
    public GrovePackMigration() {
        super(Pack.GROVE);
    }
}
