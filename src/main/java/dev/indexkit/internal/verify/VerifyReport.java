package dev.indexkit.internal.verify;

import dev.indexkit.internal.text.TextTable;

import java.util.List;
import java.util.Locale;

/** The verification table as text, Markdown or HTML (with a bar chart of the speedups). */
public final class VerifyReport {

    private final List<QueryResult> results;

    public VerifyReport(List<QueryResult> results) {
        this.results = List.copyOf(results);
    }

    public boolean allPassed() {
        return results.stream().allMatch(QueryResult::passed);
    }

    public String text() {
        TextTable t = new TextTable("pack", "query", "expected index", "plan used", "cost", "rows", "ms with", "ms without", "speedup", "result");
        for (QueryResult r : results) {
            t.row(r.pack(), r.query().name(), r.query().index(), String.join(",", r.used()), num(r.cost(), 1), num(r.rows(), 0),
                    num(r.msWith(), 3), num(r.msWithout(), 3), speedup(r), verdict(r));
        }
        StringBuilder plans = new StringBuilder();
        for (QueryResult r : results) {
            if (r.failedPlan() != null) {
                plans.append("\nFAIL ").append(r.pack()).append(' ').append(r.query().name()).append(": ").append(r.problem())
                        .append('\n').append(r.failedPlan().strip().indent(2));
            }
        }
        return t + summary() + "\n" + plans;
    }

    private static String verdict(QueryResult r) {
        return r.passed() ? (r.timingNote() == null ? "pass" : "pass (" + r.timingNote() + ")") : "FAIL: " + r.problem();
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("# indexkit verification\n\n| pack | query | expected index | plan used | cost | rows | ms with | ms without | speedup | result |\n|---|---|---|---|---:|---:|---:|---:|---:|---|\n");
        for (QueryResult r : results) {
            out.append("| ").append(String.join(" | ", r.pack(), r.query().name(), "`" + r.query().index() + "`",
                    String.join(", ", r.used()), num(r.cost(), 1), num(r.rows(), 0), num(r.msWith(), 3), num(r.msWithout(), 3),
                    speedup(r), r.passed() ? "pass" : "**FAIL**: " + r.problem().replace("|", "\\|"))).append(" |\n");
        }
        return out.append('\n').append(summary()).append('\n').toString();
    }

    public String html() {
        double max = results.stream().mapToDouble(QueryResult::speedup).filter(d -> !Double.isNaN(d)).max().orElse(1);
        StringBuilder rows = new StringBuilder();
        for (QueryResult r : results) {
            double s = r.speedup();
            int width = Double.isNaN(s) ? 0 : (int) Math.max(1, 300 * Math.log10(Math.max(1, s)) / Math.log10(Math.max(10, max)));
            rows.append("<tr class=\"").append(r.passed() ? "pass" : "fail").append("\"><td>").append(esc(r.pack())).append("</td><td>")
                    .append(esc(r.query().name())).append("</td><td><code>").append(esc(r.query().index())).append("</code></td><td>")
                    .append(esc(String.join(", ", r.used()))).append("</td><td>").append(num(r.msWith(), 3)).append("</td><td>")
                    .append(num(r.msWithout(), 3)).append("</td><td><div class=\"bar\" style=\"width:").append(width)
                    .append("px\"></div> ").append(speedup(r)).append("</td><td>").append(r.passed() ? "pass" : "FAIL: " + esc(r.problem()))
                    .append("</td></tr>\n");
        }
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>indexkit verification</title><style>"
                + "body{font-family:sans-serif}td,th{padding:2px 8px;text-align:left}tr.fail{background:#fdd}"
                + ".bar{display:inline-block;height:10px;background:#4a7}</style></head><body><h1>indexkit verification</h1>"
                + "<p>" + esc(summary()) + "</p><table><tr><th>pack</th><th>query</th><th>expected index</th><th>plan used</th>"
                + "<th>ms with</th><th>ms without</th><th>speedup (log scale)</th><th>result</th></tr>\n" + rows + "</table></body></html>\n";
    }

    /** {@code 63/63 queries pass; speedup min 1.2x, median 40x, max 900x}. */
    public String summary() {
        long passed = results.stream().filter(QueryResult::passed).count();
        double[] speedups = results.stream().mapToDouble(QueryResult::speedup).filter(d -> !Double.isNaN(d)).sorted().toArray();
        String s = passed + "/" + results.size() + " queries use their index";
        if (speedups.length > 0) {
            s += "; speedup over " + speedups.length + " measured: min " + num(speedups[0], 1) + "x, median "
                    + num(median(speedups), 1) + "x, max " + num(speedups[speedups.length - 1], 1) + "x";
        }
        return s;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String speedup(QueryResult r) {
        return Double.isNaN(r.speedup()) ? "" : num(r.speedup(), 1) + "x";
    }

    private static String num(double d, int decimals) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", d);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
