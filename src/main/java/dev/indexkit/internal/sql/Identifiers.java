package dev.indexkit.internal.sql;

import java.nio.charset.StandardCharsets;

/**
 * Identifier checks and quoting, the {@code %I} of PostgreSQL's {@code format()}.
 *
 * <p>Every identifier indexkit writes into SQL goes through {@link #quote(String)}; no user string is
 * ever pasted in unquoted.
 */
public final class Identifiers {

    /** PostgreSQL's NAMEDATALEN - 1: longer names are silently truncated by the server. */
    public static final int MAX_BYTES = 63;

    private Identifiers() {
    }

    /** Double-quotes an identifier, doubling any embedded double quote. */
    public static String quote(String identifier) {
        return "\"" + requireValid(identifier, "identifier").replace("\"", "\"\"") + "\"";
    }

    /**
     * A string literal ({@code 'it''s'}), for the few values indexkit itself puts into printed or run SQL
     * (setting values, zone ids, names passed to functions); user SQL fragments never go through here.
     */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** {@code "schema"."name"}, or just {@code "name"} when schema is null or empty. */
    public static String qualified(String schema, String name) {
        return schema == null || schema.isEmpty() ? quote(name) : quote(schema) + "." + quote(name);
    }

    /**
     * Rejects what PostgreSQL would refuse or silently change: empty names, NUL characters, and names
     * over 63 bytes (the server would truncate them and two long names could collide).
     */
    public static String requireValid(String identifier, String what) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException(what + " is missing: give a non-empty name");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " '" + identifier.replace('\0', '?')
                    + "' contains a NUL character, which PostgreSQL identifiers cannot hold");
        }
        int bytes = identifier.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException(what + " '" + identifier + "' is " + bytes
                    + " bytes long; PostgreSQL keeps only " + MAX_BYTES
                    + " and would silently truncate it: choose a shorter name");
        }
        return identifier;
    }

    /**
     * {@code prefix + suffix} when it fits in 63 bytes; otherwise the prefix is cut and a short hash
     * of the whole name keeps two long names that share a beginning from colliding. The suffix
     * (a month, a partition name) always survives.
     */
    public static String withSuffix(String prefix, String suffix) {
        String full = prefix + suffix;
        if (full.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return full;
        }
        String hash = "_" + shortHash(full);
        int room = MAX_BYTES - suffix.getBytes(StandardCharsets.UTF_8).length - hash.length();
        if (room < 1) {
            throw new IllegalArgumentException("suffix '" + suffix + "' leaves no room for a name within 63 bytes");
        }
        String cut = prefix;
        while (cut.getBytes(StandardCharsets.UTF_8).length > room) {
            cut = cut.substring(0, cut.length() - (Character.isLowSurrogate(cut.charAt(cut.length() - 1)) ? 2 : 1));
        }
        return cut + hash + suffix;
    }

    private static String shortHash(String s) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
