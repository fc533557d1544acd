package dev.indexkit.verify;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A catalog file ({@code verify/<pack>.yaml} in the jar, or a service's own): target queries and the
 * data that makes them production-shaped. Malformed files fail with the file, the line and the fix.
 *
 * <pre>
 * data: mina-data.sql            # optional, beside the catalog
 * queries:
 *   - name: meeting-list
 *     seed: "000: Meeting.query.filter_by(workspace_id, status).order_by(created_at.desc())"
 *     sql: SELECT ... LIMIT 20
 *     index: ix_meetings_workspace_status_created
 *     scan: index-only            # optional
 *     partitions: 1               # optional
 *     databases: [postgresql, sqlite]   # default [postgresql]
 * </pre>
 *
 * @param source     where the catalog was read from, for messages
 * @param dataScript the {@code data:} script, named relative to the catalog, or null
 * @param queries    the target queries, in file order
 */
public record VerifyCatalog(String source, String dataScript, List<TargetQuery> queries) {

    private static final Set<String> KEYS = Set.of("name", "seed", "sql", "index", "scan", "partitions", "databases", "note",
            "fromPostgres", "allowSeqScan", "noSeqScan", "params", "generic", "customPlanOnly");

    /**
     * From the classpath, e.g. {@code indexkit/verify/mina.yaml}.
     *
     * @param resource the catalog's classpath path
     * @return the parsed catalog
     * @throws IllegalArgumentException when it is missing or malformed, naming the line and the fix
     */
    public static VerifyCatalog fromClasspath(String resource) {
        try (InputStream in = VerifyCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("catalog " + resource + " is not on the classpath");
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read catalog " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * From a file, such as a service's own catalog. Its {@code data:} script is named relative to it
     * ({@link #dataFile}).
     *
     * @param file the catalog file
     * @return the parsed catalog
     * @throws IllegalArgumentException when it cannot be read or is malformed, naming the line and the fix
     */
    public static VerifyCatalog fromFile(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            // NoSuchFileException's message is the bare path: say what is wrong instead.
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file (a path relative to the working directory "
                    + Path.of("").toAbsolutePath() + ", or absolute)" : e.getMessage();
            throw new IllegalArgumentException("cannot read catalog " + file + ": " + why, e);
        }
    }

    /**
     * From text already read, e.g. a catalog a test builds; {@code source} names it in errors.
     *
     * @param source what to call the catalog in messages
     * @param text   the YAML
     * @return the parsed catalog
     * @throws IllegalArgumentException when it is malformed, naming the line and the fix
     */
    public static VerifyCatalog fromText(String source, String text) {
        return parse(source, text);
    }

    /**
     * The {@code data:} script of a catalog read from a file, resolved beside it.
     *
     * @return the script's path, or empty when the catalog names none
     * @throws IllegalArgumentException when the catalog was not read from a file (a classpath catalog's
     *         script is a resource: {@link DataLoader#load(Connection, String, int)}) or the file is missing
     */
    public java.util.Optional<Path> dataFile() {
        if (dataScript == null) {
            return java.util.Optional.empty();
        }
        Path catalogFile = Path.of(source);
        if (!Files.isRegularFile(catalogFile)) {
            throw new IllegalArgumentException("catalog " + source + " names data: " + dataScript + ", but it was not read "
                    + "from a file, so there is nothing to resolve it against: load the script with DataLoader yourself");
        }
        Path script = catalogFile.toAbsolutePath().getParent().resolve(dataScript).normalize();
        if (!Files.isRegularFile(script)) {
            throw new IllegalArgumentException("catalog " + source + " names data: " + dataScript + ", but " + script
                    + " does not exist: fix the path (it is relative to the catalog) or remove the data: key");
        }
        return java.util.Optional.of(script);
    }

    @SuppressWarnings("unchecked")
    static VerifyCatalog parse(String source, String text) {
        Object root;
        try {
            root = new Yaml().load(text);
        } catch (MarkedYAMLException e) {
            throw new IllegalArgumentException("catalog " + source + " is not valid YAML at line "
                    + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("catalog " + source + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map) || !(map.get("queries") instanceof List<?> entries)) {
            throw new IllegalArgumentException("catalog " + source + " needs a top-level 'queries:' list");
        }
        List<TargetQuery> queries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int position = 0;
        for (Object entry : entries) {
            position++;
            if (!(entry instanceof Map<?, ?> q)) {
                throw new IllegalArgumentException("catalog " + source + ": entry " + position + " is not a mapping");
            }
            String where = "catalog " + source + ", query " + position + (q.get("name") == null ? "" : " (" + q.get("name") + ")");
            for (Object key : q.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    throw new IllegalArgumentException(where + ": unknown key '" + key + "'; keys are " + new java.util.TreeSet<>(KEYS));
                }
            }
            String name = required(q, "name", where);
            if (!names.add(name)) {
                throw new IllegalArgumentException(where + ": name '" + name + "' is used twice");
            }
            Set<String> databases = new LinkedHashSet<>();
            Object dbs = q.get("databases");
            if (dbs == null) {
                databases.add("postgresql");
            } else if (dbs instanceof List<?> list) {
                list.forEach(d -> databases.add(String.valueOf(d)));
            } else {
                throw new IllegalArgumentException(where + ": databases must be a list such as [postgresql, sqlite]");
            }
            if (!Set.of("postgresql", "sqlite").containsAll(databases)) {
                throw new IllegalArgumentException(where + ": databases " + databases + " may only name postgresql and sqlite");
            }
            Object scan = q.get("scan");
            if (scan != null && !"index-only".equals(scan)) {
                throw new IllegalArgumentException(where + ": scan '" + scan + "' is not supported; use index-only or leave it out");
            }
            Object partitions = q.get("partitions");
            if (partitions != null && !(partitions instanceof Integer)) {
                throw new IllegalArgumentException(where + ": partitions must be a whole number");
            }
            queries.add(new TargetQuery(name, (String) q.get("seed"), required(q, "sql", where), index(q, where),
                    (String) scan, (Integer) partitions, Set.copyOf(databases), (String) q.get("note"),
                    fromPostgres(q.get("fromPostgres"), where), tables(q, "allowSeqScan", where), tables(q, "noSeqScan", where),
                    params(q, where), generic(q, where), customPlanOnly(q, where)));
        }
        return new VerifyCatalog(source, (String) map.get("data"), List.copyOf(queries));
    }

    /** {@code params: [500, completed]}: one sample value per parameter, as text (the server casts it). */
    private static List<String> params(Map<?, ?> q, String where) {
        Object value = q.get("params");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.isEmpty() || list.stream().anyMatch(v -> v instanceof Map || v instanceof List)) {
            throw new IllegalArgumentException(where + ": params must be a list of values, one per parameter, e.g. params: [500, completed]");
        }
        return list.stream().map(v -> v == null ? null : String.valueOf(v)).toList();
    }

    /** {@code generic: {index: ..., note: ...}}: what the generic plan uses instead, and why. */
    private static TargetQuery.Expectation generic(Map<?, ?> q, String where) {
        Object value = q.get("generic");
        if (value == null) {
            return null;
        }
        if (q.get("params") == null) {
            throw new IllegalArgumentException(where + ": generic needs params (the sample values of the custom plan it differs from)");
        }
        if (!(value instanceof Map<?, ?> map) || map.get("note") == null) {
            throw new IllegalArgumentException(where + ": generic must be {index: ..., note: why the generic plan differs}");
        }
        Object scan = map.get("scan");
        return new TargetQuery.Expectation(required(map, "index", where + ", generic"), (String) scan, String.valueOf(map.get("note")));
    }

    /**
     * {@code customPlanOnly: "why"}: the partial index is kept although its predicate meets a parameter
     * (the generic plan cannot use it), because PostgreSQL keeps the custom plan; {@code indexkit lint}
     * accepts the entry then, and {@code verify} still checks the sixth execution.
     */
    private static String customPlanOnly(Map<?, ?> q, String where) {
        Object value = q.get("customPlanOnly");
        if (value == null) {
            return null;
        }
        if (!(value instanceof String why) || why.isBlank() || q.get("params") == null) {
            throw new IllegalArgumentException(where + ": customPlanOnly must say why PostgreSQL keeps the custom plan, and"
                    + " goes with params (the sample values of that custom plan)");
        }
        return why;
    }

    /** {@code allowSeqScan: [t]} / {@code noSeqScan: [t]}: table names, as the plan names them. */
    private static Set<String> tables(Map<?, ?> q, String key, String where) {
        Object value = q.get(key);
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(t -> !(t instanceof String))) {
            throw new IllegalArgumentException(where + ": " + key + " must be a list of table names, e.g. " + key + ": [tasks]");
        }
        return list.stream().map(String.class::cast).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** {@code fromPostgres: {18: {index: ..., note: ...}}}: each entry names the index and says why. */
    private static Map<Integer, TargetQuery.Expectation> fromPostgres(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> byMajor)) {
            throw new IllegalArgumentException(where + ": fromPostgres must map a major version to {index, note}, e.g. 18: {index: ix_a, note: why}");
        }
        Map<Integer, TargetQuery.Expectation> out = new java.util.HashMap<>();
        for (Map.Entry<?, ?> e : byMajor.entrySet()) {
            String at = where + ", fromPostgres " + e.getKey();
            if (!(e.getKey() instanceof Integer major) || major < 10) {
                throw new IllegalArgumentException(at + ": the key must be a PostgreSQL major version such as 18");
            }
            if (!(e.getValue() instanceof Map<?, ?> expectation)) {
                throw new IllegalArgumentException(at + ": give {index: ..., note: ...}");
            }
            Object scan = expectation.get("scan");
            if (scan != null && !"index-only".equals(scan)) {
                throw new IllegalArgumentException(at + ": scan '" + scan + "' is not supported; use index-only or leave it out");
            }
            out.put(major, new TargetQuery.Expectation(required(expectation, "index", at), (String) scan,
                    required(expectation, "note", at)));
        }
        return out;
    }

    /** {@code index: ix_name} (found on the search_path) or {@code index: schema.ix_name} (that schema's). */
    private static String index(Map<?, ?> q, String where) {
        String index = required(q, "index", where);
        try {
            dev.indexkit.internal.verify.IndexName.parse(index);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        return index;
    }

    private static String required(Map<?, ?> q, String key, String where) {
        Object value = q.get(key);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is missing or not text");
        }
        return s;
    }
}
