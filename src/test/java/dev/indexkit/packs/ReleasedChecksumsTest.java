package dev.indexkit.packs;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Released changesets are never changed: every changeset listed in {@code released-checksums.txt}
 * (file, id, author and the MD5 Liquibase recorded when it ran) must get the same checksum from today's
 * packs, or every database that ran it would refuse the next update. New changesets are added to the
 * list when their pack version is released; preconditions, which Liquibase leaves out of the checksum,
 * may be added to released changesets (see the packs' schema changesets).
 */
class ReleasedChecksumsTest {

    @Test
    void should_give_every_released_changeset_the_checksum_it_was_released_with() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update("indexkit/all.yaml");
        }
        Map<String, String> now = new TreeMap<>();
        db.rows("SELECT filename || ' ' || id || ' ' || author, md5sum FROM databasechangelog")
                .forEach(r -> now.put(r.get(0), r.get(1)));
        Map<String, String> released = released();
        assertThat(released).as("released changesets listed").hasSizeGreaterThan(50);
        Map<String, String> changed = released.entrySet().stream()
                .filter(e -> !e.getValue().equals(now.get(e.getKey())))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() + " -> " + now.get(e.getKey()),
                        (a, b) -> a, TreeMap::new));
        assertThat(changed).as("released changesets whose checksum changed (ship a new changeset instead)").isEmpty();
    }

    private static Map<String, String> released() throws Exception {
        try (InputStream in = ReleasedChecksumsTest.class.getResourceAsStream("/released-checksums.txt")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            Map<String, String> out = new TreeMap<>();
            for (String line : lines) {
                int last = line.lastIndexOf(' ');
                out.put(line.substring(0, last), line.substring(last + 1));
            }
            return out;
        }
    }
}
