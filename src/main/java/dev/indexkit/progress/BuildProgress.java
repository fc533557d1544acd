package dev.indexkit.progress;

/**
 * One row of {@code pg_stat_progress_create_index}: which index, which phase, how far.
 *
 * @param percent progress within the current phase, or -1 when the phase has no measure
 */
public record BuildProgress(int pid, String index, String table, String command, String phase,
                            long done, long total, int percent) {

    /** {@code ix_meetings_status on meetings: building index: scanning table 42% (1200/2857 blocks)}. */
    public String describe() {
        return index + " on " + table + ": " + phase + (percent < 0 ? "" : " " + percent + "%")
                + (total > 0 ? " (" + done + "/" + total + ")" : "");
    }

    /** Same index and phase, and the percentage moved less than {@code step} points. */
    boolean sameStepAs(BuildProgress other, int step) {
        return other != null && index.equals(other.index) && phase.equals(other.phase)
                && Math.abs(percent - other.percent) < step;
    }
}
