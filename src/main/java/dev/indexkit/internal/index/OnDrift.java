package dev.indexkit.internal.index;

import java.util.Locale;

/**
 * What {@code ensureIndex} does when an index of its name exists, valid, with another definition.
 * Never "keep silently": {@link #FAIL} refuses before any DDL; {@link #REPLACE} builds the wanted
 * definition beside it and swaps the names in one short transaction.
 */
public enum OnDrift {
    FAIL, REPLACE;

    /** The changelog parameter (or system property) a service sets once for every changeset it includes. */
    public static final String PARAMETER = "indexkit.onDrift";

    public static OnDrift parse(String text) {
        if (text == null || text.isBlank()) {
            return FAIL;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("onDrift '" + text + "' is not one of fail (refuse before any DDL, the "
                    + "default) or replace (build the new definition beside the old one and swap them)");
        }
    }
}
