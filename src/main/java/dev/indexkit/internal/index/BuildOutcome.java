package dev.indexkit.internal.index;

/** What {@link PostgresIndexBuilder#ensure} found and did. */
public enum BuildOutcome {
    BUILT("built"),
    ALREADY_PRESENT("already present and valid, left as is"),
    REPAIRED("found INVALID from an earlier failed build, dropped and rebuilt"),
    REPLACED("found with another definition, replaced (built beside it, names swapped, old one dropped)"),
    DROPPED("dropped"),
    ABSENT("not present, nothing to drop");

    private final String description;

    BuildOutcome(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
