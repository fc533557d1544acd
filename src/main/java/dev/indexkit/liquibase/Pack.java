package dev.indexkit.liquibase;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The packs shipped in the jar, one per seed application, with the schema each gets when all packs
 * share one database ({@code indexkit/all.yaml}).
 */
public enum Pack {
    /** Meetings platform: meetings, analytics, tasks, participants, sessions, segments. */
    MINA("mina"),
    /** Transcription service: users, jobs, metadata, audit logs. */
    WHISPER("whisper"),
    /**
     * Video generation: tasks, media items, analyses, sub-video tasks, scripts, personas; schema
     * {@code textloom_core} in {@code all.yaml}.
     */
    TEXTLOOM("textloom_core"),
    /** Multi-tenant documents and chat: users, conversations, messages, documents, chunks, groves, branches. */
    GROVE("grove"),
    /** FastAPI app: users, monthly-partitioned activity logs, workflow templates, audit trails. */
    FASTNEXT("fastnext");

    /** Applies every pack, each into its own schema. */
    public static final String ALL_CHANGELOG = "indexkit/all.yaml";

    private final String sharedSchema;

    Pack(String sharedSchema) {
        this.sharedSchema = sharedSchema;
    }

    /**
     * The pack's name in paths, tags and parameters.
     *
     * @return the lowercase constant name, e.g. {@code mina}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The whole pack: base schema, tag {@link #schemaTag()}, then the indexes.
     *
     * @return its classpath path, {@code indexkit/<id>/changelog.yaml}
     */
    public String changelog() {
        return "indexkit/" + id() + "/changelog.yaml";
    }

    /**
     * The indexes alone, for a service that already has the tables.
     *
     * @return its classpath path, {@code indexkit/<id>/indexes.yaml}
     */
    public String indexesChangelog() {
        return "indexkit/" + id() + "/indexes.yaml";
    }

    /**
     * The changelog parameter that names the pack's schema.
     *
     * @return {@code indexkit.<id>.schema}
     */
    public String schemaParameter() {
        return "indexkit." + id() + ".schema";
    }

    /**
     * The schema {@code all.yaml} puts the pack in.
     *
     * @return the schema name; the id, except {@code textloom_core} for {@link #TEXTLOOM}
     */
    public String sharedSchema() {
        return sharedSchema;
    }

    /**
     * Tag placed after the base schema: rolling back to it removes exactly the pack's indexes.
     *
     * @return {@code <id>-schema}
     */
    public String schemaTag() {
        return id() + "-schema";
    }

    /**
     * The pack's verify catalog: its target queries and the data script they are measured on.
     *
     * @return its classpath path, {@code indexkit/verify/<id>.yaml}, for
     *         {@link dev.indexkit.verify.VerifyCatalog#fromClasspath}
     */
    public String catalog() {
        return "indexkit/verify/" + id() + ".yaml";
    }

    /**
     * The pack with this id, ignoring case.
     *
     * @param id a pack id such as {@code mina}
     * @return the pack
     * @throws IllegalArgumentException naming the packs there are, when none has this id
     */
    public static Pack of(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown pack '" + id + "': choose one of "
                        + Arrays.stream(values()).map(Pack::id).collect(Collectors.joining(", "))));
    }
}
