package dev.indexkit.internal.liquibase;

import liquibase.change.Change;
import liquibase.change.CheckSum;

import java.util.Set;
import java.util.TreeSet;

/**
 * The checksum of an indexkit change, built the way Liquibase core builds its own: from every
 * serializable property except the ones the change names as <em>excluded</em>, so a property added
 * later counts by default and nobody has to remember to add it.
 *
 * <p>Released changesets keep their checksums: the properties indexkit 1.0 summed are rendered exactly as
 * 1.0 rendered them ({@code released}), and any other property that is not excluded is appended as
 * {@code :name=value} only when it is set. A changeset that does not use a new property therefore keeps
 * the checksum recorded in every database that ran it; one that sets it gets a new checksum.
 */
public final class ChangeChecksum {

    private final Set<String> released;
    private final Set<String> excluded;

    /**
     * @param released the properties the 1.0 checksum text already covers
     * @param excluded the properties that change how a change runs, not what it makes
     */
    public ChangeChecksum(Set<String> released, Set<String> excluded) {
        this.released = Set.copyOf(released);
        this.excluded = Set.copyOf(excluded);
    }

    public CheckSum of(Change change, String releasedText) {
        StringBuilder text = new StringBuilder(releasedText);
        for (String field : new TreeSet<>(change.getSerializableFields())) {
            if (released.contains(field) || excluded.contains(field)) {
                continue;
            }
            Object value = change.getSerializableFieldValue(field);
            if (value != null) {
                text.append(':').append(field).append('=').append(value);
            }
        }
        return CheckSum.compute(text.toString());
    }

    /** Every serializable property of the change is released, excluded or counted: none is unaccounted for. */
    public Set<String> counted(Change change) {
        Set<String> counted = new TreeSet<>(change.getSerializableFields());
        counted.removeAll(excluded);
        return counted;
    }

    public Set<String> excluded() {
        return excluded;
    }
}
