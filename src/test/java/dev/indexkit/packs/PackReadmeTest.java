package dev.indexkit.packs;

import dev.indexkit.fixtures.PackIndexes;
import dev.indexkit.liquibase.Pack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DB-free: each pack README's counts are derived from its own table (seed index → what the pack ships
 * → why) and from the changelog, and the prose must agree. The intro's "The pack ships N: A as written,
 * B improved, C added; D left out" and the summary's "N indexes ship" drifted from the tables once;
 * this keeps them honest when a revision adds or retires an index.
 */
class PackReadmeTest {

    private static final Pattern BACKTICKED = Pattern.compile("`([a-z0-9_]+)`");

    /** One row of the table: the seed column, the indexes the pack ships for it, and the why. */
    private record Row(String seed, List<String> ships, String why) {
    }

    @ParameterizedTest
    @EnumSource(Pack.class)
    void should_state_the_counts_its_table_and_changelog_give(Pack pack) throws IOException {
        String readme = Files.readString(Path.of("changelogs", pack.id(), "README.md"), StandardCharsets.UTF_8);
        List<Row> rows = table(readme);
        assertThat(rows).as(pack.id() + " README table").isNotEmpty();

        // The category of a shipped index is the why of the first row naming it.
        Map<String, String> category = new LinkedHashMap<>();
        for (Row row : rows) {
            for (String index : row.ships()) {
                category.putIfAbsent(index, category(row.why()));
            }
        }
        assertThat(new TreeSet<>(category.keySet())).as(pack.id() + ": the table's 'pack ships' column is what indexes.yaml ships")
                .isEqualTo(new TreeSet<>(PackIndexes.names(pack)));
        int shipped = category.size();

        String intro = readme.substring(0, readme.indexOf("\n## "));
        assertThat(number(intro, "The pack ships (\\d+)")).as(pack.id() + ": intro 'The pack ships N'").isEqualTo(shipped);
        assertThat(number(readme, "\\n(\\d+) indexes ship\\.")).as(pack.id() + ": summary 'N indexes ship'").isEqualTo(shipped);

        String counts = intro.substring(intro.indexOf("The pack ships"));
        expectIfStated(pack, counts, "(\\d+) as (?:the seed wrote them|written)", count(category, "as written"));
        expectIfStated(pack, counts, "(\\d+) improved", count(category, "improved"));
        expectIfStated(pack, counts, "(\\d+) added", count(category, "added"));
        long leftOut = rows.stream().filter(r -> r.ships().isEmpty() && r.why().startsWith("left out")
                && r.seed().contains("`")).count();
        expectIfStated(pack, counts, "(\\d+) (?:are|named ones are) (?:deliberately )?left out", leftOut);
    }

    private static void expectIfStated(Pack pack, String text, String regex, long derived) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (m.find()) {
            assertThat(Long.parseLong(m.group(1))).as(pack.id() + ": intro '" + m.group() + "' (the table says " + derived + ")")
                    .isEqualTo(derived);
        }
    }

    private static long count(Map<String, String> category, String which) {
        return category.values().stream().filter(which::equals).count();
    }

    private static String category(String why) {
        for (String c : List.of("as written", "improved", "added")) {
            if (why.startsWith(c)) {
                return c;
            }
        }
        return why;
    }

    private static int number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'" + regex + "' in the README").isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The rows of the section "Seed index → what the pack ships → why" (header and rule skipped). */
    private static List<Row> table(String readme) {
        int start = readme.indexOf("## Seed index");
        assertThat(start).as("the README's seed index table").isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (String line : readme.substring(start).split("\n")) {
            if (line.startsWith("## ") && !rows.isEmpty()) {
                break;
            }
            if (!line.startsWith("|") || line.startsWith("|---") || line.startsWith("| seed index")) {
                continue;
            }
            // split on cell borders, not on escaped pipes (\|) inside a cell
            String[] cells = line.substring(1).split("(?<!\\\\)\\|");
            List<String> ships = new ArrayList<>();
            Matcher m = BACKTICKED.matcher(cells[1]);
            while (m.find()) {
                ships.add(m.group(1));
            }
            rows.add(new Row(cells[0].trim(), ships, cells[2].trim()));
        }
        return rows;
    }
}
