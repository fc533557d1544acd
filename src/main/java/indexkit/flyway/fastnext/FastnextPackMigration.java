package indexkit.flyway.fastnext;

import dev.indexkit.flyway.PackMigration;
import dev.indexkit.liquibase.Pack;

/** The fastnext pack for Flyway, found in the location {@code classpath:indexkit/flyway/fastnext}. */
public final class FastnextPackMigration extends PackMigration {

    /** The fastnext pack's repeatable migration. */
    public FastnextPackMigration() {
        super(Pack.FASTNEXT);
    }
}
