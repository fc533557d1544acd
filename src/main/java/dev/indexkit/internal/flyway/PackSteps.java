package dev.indexkit.internal.flyway;

import dev.indexkit.internal.index.IndexDefinition;
import dev.indexkit.internal.index.IndexKey;
import dev.indexkit.internal.index.IndexMethod;
import dev.indexkit.internal.sql.Identifiers;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A pack's {@code indexes.yaml}, the one definition the Liquibase changelog and the Flyway migration
 * both render, read without Liquibase: its PostgreSQL changesets in order, each an index to ensure or
 * to drop, with the precondition that guards it. {@link #netEffect} keeps, for each index, only the
 * last changeset that names it: a later revision's drop means the index is never built, its rebuild
 * means the earlier definition is never built first.
 */
public final class PackSteps {

    /** One changeset: ensure {@code index}, or drop {@code schema.name}; {@code guard} may skip it. */
    public record Step(String changeSetId, IndexDefinition index, String dropSchema, String dropName, Condition guard) {

        public boolean drops() {
            return index == null;
        }

        public String indexName() {
            return drops() ? dropName : index.name();
        }
    }

    private final String resource;
    private final byte[] text;
    private final List<Object> entries;
    private final String schemaParameter;
    private final String defaultSchema;

    private PackSteps(String resource, byte[] text, String schemaParameter) {
        this.resource = resource;
        this.text = text;
        this.entries = entries(text, resource);
        this.schemaParameter = schemaParameter;
        this.defaultSchema = defaultOf(entries, schemaParameter);
    }

    /** Reads {@code resource} (a pack's indexes.yaml on the classpath); its schema parameter is {@code schemaParameter}. */
    public static PackSteps read(String resource, String schemaParameter) {
        try (InputStream in = PackSteps.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("pack definition " + resource + " is not on the classpath");
            }
            return new PackSteps(resource, in.readAllBytes(), schemaParameter);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /** The schema the definition gives its tables when nothing overrides it (its PostgreSQL property). */
    public String defaultSchema() {
        return defaultSchema;
    }

    /** A checksum of the definition and the schema it is applied to: a new release changes it. */
    public int checksum(String schema) {
        CRC32 crc = new CRC32();
        crc.update(text);
        crc.update(schema.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /** Every PostgreSQL changeset's step in file order, for the tables in {@code schema}. */
    public List<Step> steps(String schema) {
        Identifiers.requireValid(schema, schemaParameter);
        List<Step> out = new ArrayList<>();
        for (Map<String, Object> changeSet : changeSets()) {
            if (!forPostgres(changeSet)) {
                continue;
            }
            String id = String.valueOf(changeSet.get("id"));
            Condition guard = Condition.of(changeSet.get("preConditions"), this::resolve, schema, id);
            for (Object change : list(changeSet.get("changes"))) {
                Map<String, Object> map = map(change);
                if (map.get("ensureIndex") != null) {
                    out.add(new Step(id, ensure(map(map.get("ensureIndex")), schema, id), null, null, guard));
                } else if (map.get("dropIndexSafely") != null) {
                    Map<String, Object> drop = map(map.get("dropIndexSafely"));
                    out.add(new Step(id, null, resolve(drop.get("schemaName"), schema), String.valueOf(drop.get("indexName")), guard));
                } else {
                    throw new IllegalStateException(resource + ", changeset " + id + ": " + map.keySet()
                            + " has no Flyway rendering; indexes.yaml holds ensureIndex and dropIndexSafely changes only");
                }
            }
        }
        return out;
    }

    /** Per index, the last step that names it, in the order of those last steps. */
    public static List<Step> netEffect(List<Step> steps) {
        Map<String, Step> last = new LinkedHashMap<>();
        for (Step step : steps) {
            last.remove(step.indexName());
            last.put(step.indexName(), step);
        }
        return List.copyOf(last.values());
    }

    private IndexDefinition ensure(Map<String, Object> ix, String schema, String id) {
        List<IndexKey> keys = new ArrayList<>();
        for (Object column : list(ix.get("columns"))) {
            Map<String, Object> c = map(map(column).get("column"));
            keys.add(new IndexKey((String) c.get("name"), (String) c.get("expression"), Boolean.TRUE.equals(c.get("descending")),
                    (String) c.get("opclass")));
        }
        String include = (String) ix.get("include");
        return new IndexDefinition(resolve(ix.get("schemaName"), schema), String.valueOf(ix.get("tableName")),
                String.valueOf(ix.get("indexName")), IndexMethod.parse((String) ix.get("method")), Boolean.TRUE.equals(ix.get("unique")),
                keys, include == null ? List.of() : Arrays.stream(include.split(",")).map(String::trim).toList(), (String) ix.get("where"));
    }

    /** The value with the schema parameter replaced; the packs name nothing else in ${...}. */
    private String resolve(Object value, String schema) {
        String text = value == null ? schema : String.valueOf(value);
        String resolved = text.replace("${" + schemaParameter + "}", schema);
        if (resolved.contains("${")) {
            throw new IllegalStateException(resource + ": " + text + " names a parameter other than " + schemaParameter);
        }
        return resolved;
    }

    private static boolean forPostgres(Map<String, Object> changeSet) {
        Object dbms = changeSet.get("dbms");
        return dbms == null || Arrays.stream(String.valueOf(dbms).split(",")).map(String::trim).anyMatch("postgresql"::equals);
    }

    private List<Map<String, Object>> changeSets() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object entry : entries) {
            Object changeSet = map(entry).get("changeSet");
            if (changeSet != null) {
                out.add(map(changeSet));
            }
        }
        return out;
    }

    private static String defaultOf(List<Object> entries, String parameter) {
        for (Object entry : entries) {
            Map<String, Object> property = map(map(entry).get("property"));
            if (parameter.equals(property.get("name")) && (property.get("dbms") == null || "postgresql".equals(property.get("dbms")))) {
                return String.valueOf(property.get("value"));
            }
        }
        return "public";
    }

    @SuppressWarnings("unchecked")
    private static List<Object> entries(byte[] text, String resource) {
        Object root = new Yaml().load(new String(text, StandardCharsets.UTF_8));
        if (!(root instanceof Map<?, ?> map) || !(map.get("databaseChangeLog") instanceof List<?>)) {
            throw new IllegalStateException(resource + " is not a changelog (no databaseChangeLog list)");
        }
        return (List<Object>) map.get("databaseChangeLog");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
