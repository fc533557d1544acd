package dev.indexkit.sql;

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

    /** Truncates to at most 63 UTF-8 bytes without cutting a character in half. */
    public static String truncate(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BYTES) {
            return name;
        }
        int end = name.length();
        while (name.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            end = Character.isLowSurrogate(name.charAt(end - 1)) ? end - 2 : end - 1;
        }
        return name.substring(0, end);
    }
}
