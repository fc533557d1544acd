package dev.indexkit.internal.verify;

import dev.indexkit.internal.text.TextTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The verification table as text, Markdown or HTML (with a bar chart of the speedups): each query's
 * speedup against both baselines (its index dropped, siblings kept; none of its pack's indexes on its
 * tables), a summary per pack, and the redundancy report.
 */
public final class VerifyReport {

    private final List<QueryResult> results;

    public VerifyReport(List<QueryResult> results) {
        this.results = List.copyOf(results);
    }

    public boolean allPassed() {
        return results.stream().allMatch(QueryResult::passed);
    }

    /** The indexes under {@link Redundancy#THRESHOLD} marginal speedup on every query of theirs. */
    public List<Redundancy.Candidate> redundant() {
        return Redundancy.of(results);
    }

    public String text() {
        TextTable t = new TextTable("pack", "query", "expected index", "plan used", "cost", "rows", "ms with", "ms without",
                "speedup", "ms w/o pack", "pack speedup", "result");
        for (QueryResult r : results) {
            t.row(r.pack(), r.query().name(), r.query().index(), String.join(",", r.used()), num(r.cost(), 1), num(r.rows(), 0),
                    num(r.msWith(), 3), num(r.msWithout(), 3), speedup(r.speedup()), num(r.msWithoutPack(), 3),
                    speedup(r.packSpeedup()), verdict(r));
        }
        StringBuilder plans = new StringBuilder();
        for (QueryResult r : results) {
            if (r.failedPlan() != null) {
                plans.append("\nFAIL ").append(r.pack()).append(' ').append(r.query().name()).append(": ").append(r.problem())
                        .append('\n').append(r.failedPlan().strip().indent(2));
            }
        }
        StringBuilder packs = new StringBuilder();
        for (String line : packSummaries()) {
            packs.append("  ").append(line).append('\n');
        }
        return t + summary() + "\n" + packs + redundancyText() + plans;
    }

    private String redundancyText() {
        List<Redundancy.Candidate> flagged = redundant();
        if (flagged.isEmpty()) {
            return results.stream().anyMatch(r -> !Double.isNaN(r.speedup()))
                    ? "redundancy: every timed index is at least " + num(Redundancy.THRESHOLD, 0) + "x faster than its siblings on one of its queries\n"
                    : "";
        }
        TextTable t = new TextTable("pack", "index", "best marginal", "on query", "queries timed", "served without it by");
        for (Redundancy.Candidate c : flagged) {
            t.row(c.pack(), c.index(), speedup(c.best()), c.bestQuery(), c.queries(), servedBy(c));
        }
        return "redundancy: " + flagged.size() + " index(es) under " + num(Redundancy.THRESHOLD, 0) + "x marginal speedup on every "
                + "query of theirs; justify each in the pack README or drop it in a revision:\n" + t;
    }

    private static String servedBy(Redundancy.Candidate c) {
        return c.servedBy().isEmpty() ? "(no index: sequential scan)" : String.join(", ", c.servedBy());
    }

    private static String verdict(QueryResult r) {
        return r.passed() ? (r.timingNote() == null ? "pass" : "pass (" + r.timingNote() + ")") : "FAIL: " + r.problem();
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("# indexkit verification\n\n| pack | query | expected index | plan used | cost | rows | ms with "
                + "| ms without | speedup | ms w/o pack | pack speedup | result |\n|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (QueryResult r : results) {
            out.append("| ").append(String.join(" | ", r.pack(), r.query().name(), "`" + r.query().index() + "`",
                    String.join(", ", r.used()), num(r.cost(), 1), num(r.rows(), 0), num(r.msWith(), 3), num(r.msWithout(), 3),
                    speedup(r.speedup()), num(r.msWithoutPack(), 3), speedup(r.packSpeedup()),
                    r.passed() ? "pass" : "**FAIL**: " + r.problem().replace("|", "\\|"))).append(" |\n");
        }
        out.append('\n').append(summary()).append("\n\n");
        for (String line : packSummaries()) {
            out.append("- ").append(line).append('\n');
        }
        List<Redundancy.Candidate> flagged = redundant();
        if (!flagged.isEmpty()) {
            out.append("\n## Redundancy: under ").append(num(Redundancy.THRESHOLD, 0)).append("x marginal speedup on every query\n\n")
                    .append("| pack | index | best marginal | on query | queries timed | served without it by |\n|---|---|---:|---|---:|---|\n");
            for (Redundancy.Candidate c : flagged) {
                out.append("| ").append(String.join(" | ", c.pack(), "`" + c.index() + "`", speedup(c.best()), c.bestQuery(),
                        String.valueOf(c.queries()), servedBy(c))).append(" |\n");
            }
        }
        return out.toString();
    }

    public String html() {
        double max = results.stream().mapToDouble(QueryResult::packSpeedup).filter(d -> !Double.isNaN(d)).max().orElse(1);
        StringBuilder rows = new StringBuilder();
        for (QueryResult r : results) {
            rows.append("<tr class=\"").append(r.passed() ? "pass" : "fail").append("\"><td>").append(esc(r.pack())).append("</td><td>")
                    .append(esc(r.query().name())).append("</td><td><code>").append(esc(r.query().index())).append("</code></td><td>")
                    .append(esc(String.join(", ", r.used()))).append("</td><td>").append(num(r.msWith(), 3)).append("</td><td>")
                    .append(num(r.msWithout(), 3)).append("</td><td>").append(bar(r.speedup(), max)).append("</td><td>")
                    .append(num(r.msWithoutPack(), 3)).append("</td><td>").append(bar(r.packSpeedup(), max)).append("</td><td>")
                    .append(r.passed() ? "pass" : "FAIL: " + esc(r.problem())).append("</td></tr>\n");
        }
        StringBuilder packs = new StringBuilder("<ul>");
        for (String line : packSummaries()) {
            packs.append("<li>").append(esc(line)).append("</li>");
        }
        packs.append("</ul>");
        StringBuilder redundancy = new StringBuilder();
        List<Redundancy.Candidate> flagged = redundant();
        if (!flagged.isEmpty()) {
            redundancy.append("<h2>Redundancy: under ").append(num(Redundancy.THRESHOLD, 0)).append("x marginal speedup on every query</h2>")
                    .append("<table><tr><th>pack</th><th>index</th><th>best marginal</th><th>on query</th><th>queries timed</th>"
                            + "<th>served without it by</th></tr>\n");
            for (Redundancy.Candidate c : flagged) {
                redundancy.append("<tr><td>").append(esc(c.pack())).append("</td><td><code>").append(esc(c.index())).append("</code></td><td>")
                        .append(speedup(c.best())).append("</td><td>").append(esc(c.bestQuery())).append("</td><td>").append(c.queries())
                        .append("</td><td>").append(esc(servedBy(c))).append("</td></tr>\n");
            }
            redundancy.append("</table>");
        }
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>indexkit verification</title><style>"
                + "body{font-family:sans-serif}td,th{padding:2px 8px;text-align:left}tr.fail{background:#fdd}"
                + ".bar{display:inline-block;height:10px;background:#4a7}</style></head><body><h1>indexkit verification</h1>"
                + "<p>" + esc(summary()) + "</p>" + packs + "<table><tr><th>pack</th><th>query</th><th>expected index</th><th>plan used</th>"
                + "<th>ms with</th><th>ms without</th><th>speedup (log scale)</th><th>ms w/o pack</th><th>pack speedup</th><th>result</th></tr>\n"
                + rows + "</table>" + redundancy + "</body></html>\n";
    }

    private static String bar(double s, double max) {
        int width = Double.isNaN(s) ? 0 : (int) Math.max(1, 300 * Math.log10(Math.max(1, s)) / Math.log10(Math.max(10, max)));
        return "<div class=\"bar\" style=\"width:" + width + "px\"></div> " + speedup(s);
    }

    /** {@code 63/63 queries pass; speedup min 1.2x, median 40x, max 900x}: the marginal speedups of all packs. */
    public String summary() {
        long passed = results.stream().filter(QueryResult::passed).count();
        double[] speedups = sorted(results, QueryResult::speedup);
        String s = passed + "/" + results.size() + " queries use their index";
        if (speedups.length > 0) {
            s += "; speedup over " + speedups.length + " measured: min " + num(speedups[0], 1) + "x, median "
                    + num(median(speedups), 1) + "x, max " + num(speedups[speedups.length - 1], 1) + "x";
        }
        return s;
    }

    /**
     * One line per pack with timed queries: median and minimum against both baselines, e.g.
     * {@code mina: 14 timed; marginal median 40.0x min 1.1x; pack baseline median 300.0x min 3.0x}.
     */
    public List<String> packSummaries() {
        Map<String, List<QueryResult>> byPack = new LinkedHashMap<>();
        for (QueryResult r : results) {
            byPack.computeIfAbsent(r.pack(), k -> new ArrayList<>()).add(r);
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<QueryResult>> e : byPack.entrySet()) {
            double[] marginal = sorted(e.getValue(), QueryResult::speedup);
            double[] pack = sorted(e.getValue(), QueryResult::packSpeedup);
            if (marginal.length > 0) {
                out.add(e.getKey() + ": " + marginal.length + " timed; marginal (its index dropped, siblings kept) median "
                        + num(median(marginal), 1) + "x min " + num(marginal[0], 1) + "x; pack baseline (none of the pack's "
                        + "indexes on its tables) median " + num(median(pack), 1) + "x min " + num(pack[0], 1) + "x");
            }
        }
        return out;
    }

    private static double[] sorted(List<QueryResult> results, ToDoubleFunction<QueryResult> f) {
        return results.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).sorted().toArray();
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String speedup(double s) {
        return Double.isNaN(s) ? "" : num(s, 1) + "x";
    }

    private static String num(double d, int decimals) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", d);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
