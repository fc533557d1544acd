package dev.indexkit.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Migration-safety rules in the spirit of squawk and strong_migrations, run over the SQL Liquibase's
 * {@code update-sql} prints for PostgreSQL. A changeset is a block starting at its
 * {@code -- Changeset path::id::author} line; each rule names the changeset and the statement.
 */
final class MigrationLint {

    private static final Pattern CREATE_INDEX = Pattern.compile("^CREATE (UNIQUE )?INDEX (CONCURRENTLY )?(IF NOT EXISTS )?.*? ON (ONLY )?(\\S+)");
    private static final Pattern DROP_INDEX = Pattern.compile("^DROP INDEX (CONCURRENTLY )?(IF EXISTS )?");
    private static final Pattern CREATE_TABLE = Pattern.compile("^CREATE TABLE (IF NOT EXISTS )?(\\S+)");
    private static final Pattern DETACH = Pattern.compile("DETACH PARTITION \\S+( CONCURRENTLY)?");
    private static final Pattern FORBIDDEN = Pattern.compile("^(CLUSTER|VACUUM FULL|REINDEX (?!.*CONCURRENTLY)|LOCK TABLE)");

    private MigrationLint() {
    }

    /** A changeset's SQL as update-sql shows it. */
    record Block(String changeSet, List<String> statements) {
    }

    /** Splits update-sql output into changeset blocks, dropping Liquibase's bookkeeping statements. */
    static List<Block> blocks(String updateSql) {
        List<Block> blocks = new ArrayList<>();
        String current = null;
        List<String> statements = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        for (String line : updateSql.split("\n")) {
            if (line.startsWith("-- Changeset ")) {
                if (current != null) {
                    blocks.add(new Block(current, statements));
                }
                current = line.substring("-- Changeset ".length()).trim();
                statements = new ArrayList<>();
                statement.setLength(0);
                continue;
            }
            // Every other line is read: a line that is not SQL (Liquibase's "WARNING: This statement uses
            // a prepared statement ...") joins the next statement, which then fails the rules below.
            if (current == null || line.startsWith("--") || line.isBlank()) {
                continue;
            }
            statement.append(statement.length() == 0 ? "" : " ").append(line.trim());
            if (line.trim().endsWith(";")) {
                String sql = statement.toString();
                if (!sql.contains(".databasechangelog ")) {
                    statements.add(sql.substring(0, sql.length() - 1).trim());
                }
                statement.setLength(0);
            }
        }
        if (current != null) {
            blocks.add(new Block(current, statements));
        }
        return blocks;
    }

    /**
     * Every violation in a changeset's statements. {@code nonTransactional} says whether the changeset
     * runs with {@code runInTransaction: false}.
     */
    static List<String> violations(Block block, boolean nonTransactional) {
        List<String> found = new ArrayList<>();
        Set<String> createdHere = new java.util.HashSet<>();
        boolean lockTimeoutSet = false;
        for (String sql : block.statements()) {
            String upper = sql.toUpperCase(Locale.ROOT);
            Matcher table = CREATE_TABLE.matcher(upper);
            if (table.find()) {
                createdHere.add(unquote(table.group(2)));
            }
            if (upper.startsWith("SET LOCK_TIMEOUT")) {
                lockTimeoutSet = !upper.contains("= '0'");
            } else if (upper.startsWith("RESET LOCK_TIMEOUT")) {
                lockTimeoutSet = false;
            }
            boolean concurrent = upper.contains(" CONCURRENTLY");
            Matcher create = CREATE_INDEX.matcher(upper);
            boolean creates = create.find();
            boolean onNewTable = creates && createdHere.contains(unquote(create.group(5)));
            // ON ONLY builds the parent index of a partitioned table in the catalog only (its partitions are
            // built concurrently and attached); it takes SHARE briefly, under the short lock timeout.
            boolean parentOnly = upper.contains(" ON ONLY ");
            if (creates && create.group(2) == null && !onNewTable && !parentOnly) {
                found.add(block.changeSet() + ": index built without CONCURRENTLY on an existing table blocks writes: " + sql);
            }
            if (creates && create.group(2) != null && create.group(3) == null) {
                found.add(block.changeSet() + ": a concurrent build is not transactional; add IF NOT EXISTS so a re-run is safe: " + sql);
            }
            Matcher drop = DROP_INDEX.matcher(upper);
            boolean drops = drop.find();
            // PostgreSQL cannot drop a partitioned index concurrently: such a drop must give up quickly
            // (a short lock_timeout in force) rather than queue with every query on the table behind it.
            if (drops && drop.group(1) == null && !lockTimeoutSet) {
                found.add(block.changeSet() + ": index dropped without CONCURRENTLY and without a lock timeout blocks reads "
                        + "and writes for as long as it waits: " + sql);
            } else if (drops && drop.group(2) == null) {
                found.add(block.changeSet() + ": a concurrent drop is not transactional; add IF EXISTS: " + sql);
            }
            Matcher detach = DETACH.matcher(upper);
            boolean detaches = detach.find();
            if (detaches && detach.group(1) == null) {
                found.add(block.changeSet() + ": DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock: " + sql);
            }
            if (FORBIDDEN.matcher(upper).find()) {
                found.add(block.changeSet() + ": rewrites or locks the whole table: " + sql);
            }
            // Index and partition DDL on an existing table must give up rather than queue behind a long
            // transaction (and stall every query queued behind it); a table created right here has no other users.
            boolean onExistingTable = (creates && !onNewTable) || drops || detaches || upper.contains(" ATTACH PARTITION ");
            if (onExistingTable && !lockTimeoutSet) {
                found.add(block.changeSet() + ": no lock_timeout before a statement that takes a table lock: " + sql);
            }
            if (concurrent && !nonTransactional) {
                found.add(block.changeSet() + ": CONCURRENTLY inside a transaction; PostgreSQL refuses it "
                        + "(runInTransaction: false): " + sql);
            }
        }
        return found;
    }

    private static String unquote(String qualified) {
        String name = qualified.replace("\"", "").replace("(", "");
        return name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
    }
}
