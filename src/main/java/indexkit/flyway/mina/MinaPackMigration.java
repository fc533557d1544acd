package indexkit.flyway.mina;

import dev.indexkit.flyway.PackMigration;
import dev.indexkit.liquibase.Pack;

/** The mina pack for Flyway, found in the location {@code classpath:indexkit/flyway/mina}. */
public final class MinaPackMigration extends PackMigration {

    /** The mina pack's repeatable migration. */
    public MinaPackMigration() {
        super(Pack.MINA);
    }
}
