package dev.indexkit.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a table that an earlier changeset of the same update creates, as far as
 * {@code update-sql} needs it to print the plan the run will execute: plain or RANGE-partitioned, its
 * partition key and the key's type, and the partitions created with it.
 *
 * <p>It is read from the changeset's own SQL ({@link #read}): {@code CREATE TABLE name (...) PARTITION
 * BY RANGE (key)} and {@code CREATE TABLE child PARTITION OF name DEFAULT | FOR VALUES ...}. This only
 * decides what is printed; the run itself always plans against the catalog.
 *
 * @param createdBy   the changeset that creates it, for the printed note
 * @param partitions  partitions created with it, DEFAULT included, in name order
 * @param boundedPartitions whether any of them has {@code FOR VALUES} bounds (not only DEFAULT)
 */
public record NewTable(String createdBy, String schema, String name, boolean partitioned, String keyColumn,
                       String keyType, List<Relation> partitions, String defaultPartition, boolean boundedPartitions) {

    public record Relation(String schema, String name) {
    }

    private static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)^\\s*CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+"
            + "(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:(" + IDENT + ")\\s*\\.\\s*)?(" + IDENT + ")\\s*(.*)$");
    private static final Pattern PARTITION_OF = Pattern.compile("(?is)^PARTITION\\s+OF\\s+(?:(" + IDENT + ")\\s*\\.\\s*)?("
            + IDENT + ")\\s+(DEFAULT|FOR\\s+VALUES)\\b.*");
    private static final Pattern RANGE_KEY = Pattern.compile("(?is).*\\)\\s*PARTITION\\s+BY\\s+RANGE\\s*\\(\\s*(" + IDENT
            + ")\\s*\\)\\s*$");
    private static final Pattern ANY_PARTITIONING = Pattern.compile("(?is).*\\)\\s*PARTITION\\s+BY\\s+(RANGE|LIST|HASH)\\s*\\(.*\\)\\s*$");
    private static final String KEY_TYPE = "\\s+(timestamptz|timestamp\\s+with\\s+time\\s+zone|timestamp(?:\\s*\\(\\s*\\d\\s*\\))?"
            + "(?:\\s+without\\s+time\\s+zone)?|date)\\b";

    /**
     * Reads what {@code sql} (one changeset's SQL, statements separated by {@code ;}) creates for table
     * {@code schema.name}, on top of what was known before ({@code known}, may be empty). A null
     * {@code schema} matches any schema.
     */
    public static Optional<NewTable> read(String createdBy, String sql, String schema, String name, Optional<NewTable> known) {
        Optional<NewTable> shape = known;
        for (String statement : statements(sql)) {
            Matcher create = CREATE_TABLE.matcher(statement);
            if (!create.matches()) {
                continue;
            }
            String createdSchema = create.group(1) == null ? null : unquote(create.group(1));
            String created = unquote(create.group(2));
            String rest = create.group(3).trim();
            Matcher partitionOf = PARTITION_OF.matcher(rest);
            if (partitionOf.matches()) {
                String parentSchema = partitionOf.group(1) == null ? createdSchema : unquote(partitionOf.group(1));
                if (shape.isPresent() && same(schema, parentSchema, name, unquote(partitionOf.group(2)))) {
                    shape = Optional.of(shape.get().withPartition(new Relation(createdSchema == null ? shape.get().schema()
                            : createdSchema, created), partitionOf.group(3).toUpperCase(Locale.ROOT).startsWith("DEFAULT")));
                }
                continue;
            }
            if (!same(schema, createdSchema, name, created)) {
                continue;
            }
            Matcher range = RANGE_KEY.matcher(rest);
            if (range.matches()) {
                String key = unquote(range.group(1));
                Matcher type = Pattern.compile("(?is)[(,]\\s*" + Pattern.quote(range.group(1)) + KEY_TYPE).matcher(rest);
                shape = Optional.of(new NewTable(createdBy, createdSchema, created, true, key,
                        type.find() ? formatType(type.group(1)) : null, List.of(), null, false));
            } else if (ANY_PARTITIONING.matcher(rest).matches()) {
                // LIST, HASH, several columns or an expression: partitioned, with no key monthly partitions can use.
                shape = Optional.of(new NewTable(createdBy, createdSchema, created, true, null, null, List.of(), null, false));
            } else {
                shape = Optional.of(new NewTable(createdBy, createdSchema, created, false, null, null, List.of(), null, false));
            }
        }
        return shape;
    }

    /**
     * The statements of {@code sql}, comments left out: split at each {@code ;} outside quotes, dollar
     * quotes and comments (a quoted name may hold a {@code ;}).
     */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            int end = i + 1;
            if (ch == '\'' || ch == '"') {
                end = sql.indexOf(ch, i + 1);
                while (end > 0 && end + 1 < sql.length() && sql.charAt(end + 1) == ch) {
                    end = sql.indexOf(ch, end + 2);
                }
                end = end < 0 ? sql.length() : end + 1;
            } else if (ch == '-' && sql.startsWith("--", i)) {
                end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
                current.append(' ');
                continue;
            } else if (ch == '/' && sql.startsWith("/*", i)) {
                end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
                current.append(' ');
                continue;
            } else if (ch == '$') {
                Matcher tag = DOLLAR_TAG.matcher(sql).region(i, sql.length());
                if (tag.lookingAt()) {
                    int close = sql.indexOf(tag.group(), tag.end());
                    end = close < 0 ? sql.length() : close + tag.group().length();
                }
            } else if (ch == ';') {
                out.add(current.toString());
                current.setLength(0);
                i++;
                continue;
            }
            current.append(sql, i, end);
            i = end;
        }
        out.add(current.toString());
        return out;
    }

    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$[A-Za-z_]*\\$");

    /** A plain table made by Liquibase's {@code createTable}. */
    public static NewTable plain(String createdBy, String schema, String name) {
        return new NewTable(createdBy, schema, name, false, null, null, List.of(), null, false);
    }

    private NewTable withPartition(Relation partition, boolean isDefault) {
        List<Relation> all = new ArrayList<>(partitions);
        all.add(partition);
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return new NewTable(createdBy, schema, name, partitioned, keyColumn, keyType, List.copyOf(all),
                isDefault ? partition.name() : defaultPartition, boundedPartitions || !isDefault);
    }

    /** How the printed plan describes it. */
    public String describe() {
        if (!partitioned) {
            return "a new plain table";
        }
        return "a new partitioned table" + (partitions.isEmpty() ? " without partitions"
                : " with partition" + (partitions.size() > 1 ? "s " : " ")
                + String.join(", ", partitions.stream().map(Relation::name).toList()));
    }

    private static boolean same(String wantedSchema, String schema, String wanted, String name) {
        return wanted.equals(name) && (wantedSchema == null || schema == null || wantedSchema.equals(schema));
    }

    private static String unquote(String identifier) {
        return identifier.startsWith("\"")
                ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
                : asciiLowerCase(identifier);
    }

    /** PostgreSQL folds only ASCII letters of an unquoted name (in UTF-8). */
    private static String asciiLowerCase(String identifier) {
        StringBuilder out = new StringBuilder(identifier.length());
        identifier.chars().forEach(c -> out.append((char) (c >= 'A' && c <= 'Z' ? c + 32 : c)));
        return out.toString();
    }

    /** As PostgreSQL's {@code format_type} names it. */
    private static String formatType(String written) {
        String type = written.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (type.equals("timestamptz") || type.contains("with time zone")) {
            return "timestamp with time zone";
        }
        return type.startsWith("timestamp") ? "timestamp without time zone" : "date";
    }
}
