package indexkit.flyway.textloom;

import dev.indexkit.flyway.PackMigration;
import dev.indexkit.liquibase.Pack;

/** The textloom pack for Flyway, found in the location {@code classpath:indexkit/flyway/textloom}. */
public final class TextloomPackMigration extends PackMigration {

    /** The textloom pack's repeatable migration. */
    public TextloomPackMigration() {
        super(Pack.TEXTLOOM);
    }
}
