package dev.seckill.bench;

/**
 * One line of the goals: what was measured, the bound, and whether it holds.
 *
 * @param met null when the phase did not run (e.g. {@code --preload 0})
 * @param note what makes the figure less than a clean measurement, or empty
 */
record Goal(String name, String measured, String bound, Boolean met, String note) {

    String verdict() {
        return met == null ? "not run" : met ? "PASS" : "MISS";
    }
}
