package dev.indexkit.liquibase;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The packs shipped in the jar, one per seed application, with the schema each gets when all packs
 * share one database ({@code indexkit/all.yaml}).
 */
public enum Pack {
    MINA("mina"), WHISPER("whisper"), TEXTLOOM("textloom_core"), GROVE("grove"), FASTNEXT("fastnext");

    /** Applies every pack, each into its own schema. */
    public static final String ALL_CHANGELOG = "indexkit/all.yaml";

    private final String sharedSchema;

    Pack(String sharedSchema) {
        this.sharedSchema = sharedSchema;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String changelog() {
        return "indexkit/" + id() + "/changelog.yaml";
    }

    public String indexesChangelog() {
        return "indexkit/" + id() + "/indexes.yaml";
    }

    /** The changelog parameter that names the pack's schema. */
    public String schemaParameter() {
        return "indexkit." + id() + ".schema";
    }

    /** The schema {@code all.yaml} puts the pack in. */
    public String sharedSchema() {
        return sharedSchema;
    }

    /** Tag placed after the base schema: rolling back to it removes exactly the pack's indexes. */
    public String schemaTag() {
        return id() + "-schema";
    }

    public String catalog() {
        return "indexkit/verify/" + id() + ".yaml";
    }

    public static Pack of(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown pack '" + id + "': choose one of "
                        + Arrays.stream(values()).map(Pack::id).collect(Collectors.joining(", "))));
    }
}
