package dev.indexkit.internal.progress;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One row of {@code pg_stat_progress_create_index}: which index, which phase, how far, and in a
 * waiting phase the sessions the build waits for.
 *
 * @param percent    progress within the current phase, or -1 when the phase has no measure
 * @param waitingFor the sessions a build in a "waiting for ..." phase waits on (empty otherwise)
 */
public record BuildProgress(int pid, String index, String table, String command, String phase,
                            long done, long total, int percent, List<Blocker> waitingFor) {

    public BuildProgress {
        waitingFor = List.copyOf(waitingFor);
    }

    /**
     * {@code ix_meetings_status on meetings: building index: scanning table 42% (1200/2857)}, or
     * {@code ... waiting for old snapshots 0% (0/1), waiting for pid 4711 (application "reports") ...}.
     */
    public String describe() {
        return index + " on " + table + ": " + phase + (percent < 0 ? "" : " " + percent + "%")
                + (total > 0 ? " (" + done + "/" + total + ")" : "")
                + (waitingFor.isEmpty() ? "" : ", waiting for "
                + waitingFor.stream().map(Blocker::describe).collect(Collectors.joining("; ")));
    }

    /** In one of PostgreSQL's "waiting for ..." phases (writers, old snapshots, readers). */
    public boolean waiting() {
        return phase.startsWith("waiting");
    }

    /** Same index and phase, and the percentage moved less than {@code step} points. */
    boolean sameStepAs(BuildProgress other, int step) {
        return other != null && index.equals(other.index) && phase.equals(other.phase)
                && Math.abs(percent - other.percent) < step;
    }
}
