package dev.indexkit.internal.partition;

import dev.indexkit.internal.sql.SessionSettings;
import dev.indexkit.partition.PartitionAction;

import java.util.ArrayList;
import java.util.List;

/**
 * A partition plan as the script the executor runs, statement by statement and in plan order: each
 * {@link Batch} of transactional steps (the creations, a conversion's swap) between {@code BEGIN} and
 * {@code COMMIT} under {@code SET LOCAL lock_timeout}, every other step (a detach, a drop, a bounds
 * check) on its own under the {@code lock_timeout} of its lock class. {@code partitions plan} and
 * {@code update-sql} print it; it applies with {@code psql -v ON_ERROR_STOP=1}.
 */
public final class PartitionScript {

    /** One line: an SQL statement (without its {@code ;}), or a comment's text. */
    public record Line(boolean comment, String text) {

        /** As a script line: {@code -- text} on one line, or {@code statement;}. */
        public String render() {
            return comment ? "-- " + oneLine(text) : text + ";";
        }
    }

    private PartitionScript() {
    }

    public static List<Line> of(List<PartitionAction> plan) {
        List<Line> out = new ArrayList<>();
        for (Batch batch : Batch.of(plan)) {
            if (batch.transactional()) {
                out.add(new Line(false, "BEGIN"));
                out.add(new Line(false, SessionSettings.setLocalStatement("lock_timeout", PartitionExecutor.LOCK_TIMEOUT)));
                for (PartitionAction action : batch.actions()) {
                    out.add(new Line(true, action.description()));
                    action.sql().forEach(sql -> out.add(new Line(false, sql)));
                }
                out.add(new Line(false, "COMMIT"));
                continue;
            }
            PartitionAction action = batch.actions().get(0);
            out.add(new Line(true, action.description()));
            out.add(new Line(false, SessionSettings.setStatement("lock_timeout", PartitionExecutor.lockTimeoutFor(action))));
            action.sql().forEach(sql -> out.add(new Line(false, sql)));
            out.add(new Line(false, SessionSettings.resetStatement("lock_timeout")));
        }
        return out;
    }

    /**
     * Line breaks (a quoted name may hold one) become spaces: in a comment, the text after a line break
     * would be a line of SQL.
     */
    public static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\u000B\\f\\u0085\\u2028\\u2029]+", " ");
    }
}
