package indexkit.flyway.whisper;

import dev.indexkit.flyway.PackMigration;
import dev.indexkit.liquibase.Pack;

/** The whisper pack for Flyway, found in the location {@code classpath:indexkit/flyway/whisper}. */
public final class WhisperPackMigration extends PackMigration {

    /** The whisper pack's repeatable migration. */
    public WhisperPackMigration() {
        super(Pack.WHISPER);
    }
}
