package dev.indexkit.partition;

import java.util.Locale;

/** What happens to a partition that falls out of the retention window. */
public enum RetentionMode {
    /** Detach it and keep it as a plain table (archive, dump, drop later). */
    DETACH,
    /** Detach it and drop it. */
    DROP;

    /**
     * Reads a mode as changelogs and the CLI write it.
     *
     * @param text {@code detach} or {@code drop}, any case, surrounding blanks ignored
     * @return the mode
     * @throws IllegalArgumentException when the text is neither
     */
    public static RetentionMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("retention mode '" + text + "' is not detach or drop");
        }
    }
}
