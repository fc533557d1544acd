package dev.indexkit.internal.index;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** PostgreSQL index access methods indexkit knows how to build. */
public enum IndexMethod {
    BTREE(true, true), HASH(false, false), GIN(false, false), GIST(false, true), SPGIST(false, true), BRIN(false, false);

    private final boolean supportsUnique;
    private final boolean supportsInclude;

    IndexMethod(boolean supportsUnique, boolean supportsInclude) {
        this.supportsUnique = supportsUnique;
        this.supportsInclude = supportsInclude;
    }

    public boolean supportsUnique() {
        return supportsUnique;
    }

    public boolean supportsInclude() {
        return supportsInclude;
    }

    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code btree}, {@code GIN}... ; null or blank means btree. */
    public static IndexMethod parse(String text) {
        if (text == null || text.isBlank()) {
            return BTREE;
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT).replace("-", "");
        for (IndexMethod m : values()) {
            if (m.name().equals(wanted)) {
                return m;
            }
        }
        throw new IllegalArgumentException("index method '" + text + "' is not one of "
                + Arrays.stream(values()).map(IndexMethod::sqlName).collect(Collectors.joining(", ")));
    }
}
